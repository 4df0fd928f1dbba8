import type { FastifyReply, FastifyRequest } from 'fastify';
import { InsufficientScope, InvalidRequest, InvalidToken, toDescriptionChars, traceUserinfoUnread, userinfo } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { noStore } from './token.ts';
import { oauth2Schemas } from './oauth2.schema.ts';

/** RFC 6750 §3.1: a request without any credentials gets a bare challenge, no error code. */
class NoCredentials extends InvalidToken {}

const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i;

const formBody = (req: FastifyRequest): Record<string, unknown> => {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return req.method === 'POST' && type === 'application/x-www-form-urlencoded' ? ((req.body ?? {}) as Record<string, unknown>) : {};
};

/**
 * The access token, from the Authorization header (RFC 6750 §2.1) or a POST form body (§2.2). The
 * query string is refused: URI tokens end up in logs and browser history (§2.3, RFC 9700 §4.3.2).
 */
const accessTokenOf = (req: FastifyRequest): string => {
  const query = (req.query ?? {}) as Record<string, unknown>;
  if ('access_token' in query) {
    throw new InvalidRequest('Olympus does not accept access tokens in the query string.', {
      hint: 'Send "Authorization: Bearer <access_token>" (RFC 6750 §2.1).',
    });
  }
  const fromHeader = BEARER.exec(typeof req.headers.authorization === 'string' ? req.headers.authorization : '')?.[1];
  const fromBody = formBody(req).access_token;
  if (fromHeader && fromBody !== undefined) {
    throw new InvalidRequest('The request sent the access token more than once.', {
      hint: 'Use either the Authorization header or the form body, not both (RFC 6750 §2).',
    });
  }
  const token = fromHeader ?? (typeof fromBody === 'string' ? fromBody : '');
  if (!token) {
    throw new NoCredentials('The request carried no access token.', { hint: 'Send "Authorization: Bearer <access_token>" (RFC 6750 §2.1).' });
  }
  return token;
};

/** RFC 6750 §3: errors of a protected resource are announced in WWW-Authenticate as well. */
const challenge = (reply: FastifyReply, err: unknown): void => {
  if (err instanceof NoCredentials) {
    reply.header('www-authenticate', 'Bearer realm="olympus"');
    return;
  }
  if (err instanceof InvalidToken || err instanceof InsufficientScope || err instanceof InvalidRequest) {
    // The description is made quote-free ASCII, as RFC 6750 §3 requires of the attribute.
    reply.header('www-authenticate', `Bearer error="${err.error}", error_description="${toDescriptionChars(err.description)}"`);
  }
};

/** `GET|POST /userinfo` (OIDC Core §5.3). CORS comes from the shared plugin. */
export const registerUserinfoRoutes: RegisterRoutes = (app, { ctx }) => {
  /** The access token, or the refusal reported to the flow tracer before it is thrown. */
  const readToken = (req: FastifyRequest): string => {
    try {
      return accessTokenOf(req);
    } catch (err) {
      traceUserinfoUnread(ctx, String(req.id), !(err instanceof NoCredentials), err);
      throw err;
    }
  };
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    noStore(reply);
    try {
      return await userinfo(ctx, readToken(req), String(req.id));
    } catch (err) {
      challenge(reply, err);
      throw err;
    }
  };
  app.get('/userinfo', { schema: oauth2Schemas.userinfo('GET') }, handler);
  app.post('/userinfo', { schema: oauth2Schemas.userinfo('POST') }, handler);
};
