import type { StoredClient } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { InvalidClient } from '../errors.ts';

/** What an endpoint hands client authentication: the Authorization header and the parsed form. */
export interface ClientAuthRequest {
  authorization: string | undefined;
  body: Record<string, string>;
  /** The URL of the endpoint called; accepted as a client assertion's `aud` besides the token endpoint. */
  endpointUrl: string;
}

export interface PresentedCredentials {
  clientId: string;
  /** client_secret_basic and client_secret_post. */
  secret?: string;
  /** private_key_jwt. */
  assertion?: string;
}

/** One way a client proves its identity at the token, revocation and introspection endpoints (RFC 6749 §2.3). */
export interface ClientAuthMethod {
  /** True when the request carries this method's credentials. */
  isUsedBy(req: ClientAuthRequest): boolean;
  /** Reads the client id and credentials; throws InvalidRequest when they are malformed. */
  read(req: ClientAuthRequest): PresentedCredentials;
  /** Proves the request comes from the registered client; throws InvalidClient when it does not. */
  verify(ctx: OAuth2Context, stored: StoredClient, presented: PresentedCredentials, req: ClientAuthRequest): Promise<void>;
  /** How a client authenticates this way, for hints. */
  readonly howToSend: string;
}

/** RFC 6749 §5.2's own wording: one public description for every authentication failure, the cause in the hint. */
export const CLIENT_AUTH_FAILED =
  'Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).';

export const clientAuthFailed = (hint: string, debug?: string): InvalidClient =>
  new InvalidClient(CLIENT_AUTH_FAILED, { hint, debug });
