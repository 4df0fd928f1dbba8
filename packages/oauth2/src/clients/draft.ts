import type { OAuth2Client } from './client.ts';

/** A client being created or changed: the complete client plus the plain secret the caller sent, if any. */
export interface ClientDraft {
  client: OAuth2Client;
  /** Caller-chosen secret (create/PUT/PATCH); undefined when the caller sent none. */
  secret?: string;
}

export interface ValidationOptions {
  /** Development mode (`olympus serve --dev`): plain http allowed for any host. */
  dev: boolean;
}

/** One named validation step; throws InvalidClientMetadata or InvalidRedirectUri. */
export type ClientCheck = (draft: ClientDraft, options: ValidationOptions) => void;
