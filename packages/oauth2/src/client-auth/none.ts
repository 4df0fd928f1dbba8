import { usesBasicScheme } from './client-secret-basic.ts';
import type { ClientAuthMethod } from './method.ts';

/**
 * Public clients (RFC 6749 §2.1): they only identify themselves with client_id; PKCE binds the code
 * to the app instance instead of a secret (RFC 7636).
 */
export const none: ClientAuthMethod = {
  howToSend: 'send only client_id in the form body, without any secret',

  isUsedBy: (req) =>
    req.body.client_id !== undefined &&
    req.body.client_secret === undefined &&
    req.body.client_assertion === undefined &&
    req.body.client_assertion_type === undefined &&
    !usesBasicScheme(req.authorization),

  read: (req) => ({ clientId: req.body.client_id }),

  async verify() {
    // Nothing to prove: the registered method is `none`, checked before this step.
  },
};
