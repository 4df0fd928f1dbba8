import { InvalidRequest } from '../errors.ts';
import { verifyClientSecret } from './client-secret.ts';
import type { ClientAuthMethod } from './method.ts';

const BASIC = /^basic(?:\s+(.*))?$/i;

/** True when the Authorization header uses the Basic scheme (whatever its content). */
export const usesBasicScheme = (authorization: string | undefined): boolean =>
  authorization !== undefined && BASIC.test(authorization.trim());

/** application/x-www-form-urlencoded decoding of one Basic credential half (RFC 6749 §2.3.1, Appendix B). */
const formDecode = (value: string): string => {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new InvalidRequest('The client credentials in the Authorization header are malformed.', {
      hint: 'Form-urlencode the client id and secret before joining them with ":" and Base64-encoding (RFC 6749 §2.3.1); a literal "%" must be sent as "%25".',
    });
  }
};

const malformed = (): InvalidRequest =>
  new InvalidRequest('The client credentials in the Authorization header are malformed.', {
    hint: 'Send "Authorization: Basic base64(urlencode(client_id) + ":" + urlencode(client_secret))" (RFC 6749 §2.3.1).',
  });

/** HTTP Basic with the form-urlencoded id and secret (RFC 6749 §2.3.1); the registered default. */
export const clientSecretBasic: ClientAuthMethod = {
  howToSend: 'send the credentials in the Authorization header (HTTP Basic)',

  isUsedBy: (req) => usesBasicScheme(req.authorization),

  read(req) {
    const encoded = BASIC.exec(req.authorization?.trim() ?? '')?.[1] ?? '';
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw malformed();
    const clientId = formDecode(decoded.slice(0, colon));
    const secret = formDecode(decoded.slice(colon + 1));
    if (req.body.client_id !== undefined && req.body.client_id !== clientId) {
      throw new InvalidRequest('The client_id in the body differs from the one in the Authorization header.', {
        hint: `The header names "${clientId}" and the body "${req.body.client_id}"; send one client id.`,
      });
    }
    return { clientId, secret };
  },

  async verify(ctx, stored, presented) {
    verifyClientSecret(
      ctx,
      stored,
      presented.secret ?? '',
      ' If the secret contains characters such as "+", "/", "=" or "%", form-urlencode it before Base64 (RFC 6749 §2.3.1).',
    );
  },
};
