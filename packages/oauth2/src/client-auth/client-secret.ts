import type { StoredClient } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { clientAuthFailed } from './method.ts';

/** Shared by client_secret_basic and client_secret_post: the keyed-hash check, constant time (AS-27, AS-28). */
export const verifyClientSecret = (ctx: OAuth2Context, stored: StoredClient, secret: string, extraHint = ''): void => {
  if (secret.length === 0) {
    throw clientAuthFailed(`The request sent an empty client secret for client "${stored.client.client_id}".`);
  }
  if (!ctx.clients.verifySecret(stored, secret)) {
    throw clientAuthFailed(
      `The client secret does not match the secret registered for client "${stored.client.client_id}".${extraHint}`,
    );
  }
};
