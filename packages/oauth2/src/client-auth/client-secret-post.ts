import { InvalidRequest } from '../errors.ts';
import { verifyClientSecret } from './client-secret.ts';
import type { ClientAuthMethod } from './method.ts';

/** client_id and client_secret in the form body (RFC 6749 §2.3.1, "NOT RECOMMENDED" but allowed). */
export const clientSecretPost: ClientAuthMethod = {
  howToSend: 'send client_id and client_secret in the form body',

  isUsedBy: (req) => req.body.client_secret !== undefined,

  read(req) {
    const clientId = req.body.client_id;
    if (!clientId) {
      throw new InvalidRequest('The request sent client_secret without client_id.', {
        hint: 'With client_secret_post, send both client_id and client_secret in the form body.',
      });
    }
    return { clientId, secret: req.body.client_secret };
  },

  async verify(ctx, stored, presented) {
    verifyClientSecret(ctx, stored, presented.secret ?? '');
  },
};
