import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import type { AuthorizeRequest } from '../flows/flow.ts';
import type { ClientRedirect } from './rejection.ts';

/** What the authorization pipeline's steps read and fill in, one step after another. */
export interface AuthorizeState {
  ctx: OAuth2Context;
  params: Record<string, string>;
  requestUrl: string;
  client?: OAuth2Client;
  /** Set once the redirect URI is trusted; from then on errors go back to the client. */
  redirect?: ClientRedirect;
  request: Partial<AuthorizeRequest>;
}

export type AuthorizeStep = (state: AuthorizeState) => Promise<void> | void;
