import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidRequest } from '@olympus/oauth2';

/**
 * Parses application/x-www-form-urlencoded bodies into a plain record. A parameter sent twice is
 * refused, as RFC 6749 §3.1 and §3.2 require ("parameters MUST NOT be included more than once").
 */
export const parseForm = (body: string): Record<string, string> => {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of new URLSearchParams(body)) {
    if (key in out) throw new InvalidRequest(`The request parameter "${key}" was sent more than once.`, {
      hint: 'RFC 6749 §3.1 forbids repeating a parameter; send each parameter once.',
    });
    out[key] = value;
  }
  return out;
};

export const registerFormBody = (app: FastifyInstance): void => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
};

/**
 * The OAuth2 parameters of a browser request: the form body of a POST, else the query string,
 * parsed with the same duplicate check (RFC 6749 §3.1).
 */
export const requestParams = (req: FastifyRequest): Record<string, string> => {
  if (req.method === 'POST' && req.body && typeof req.body === 'object') return req.body as Record<string, string>;
  const q = req.url.indexOf('?');
  return q < 0 ? Object.create(null) : parseForm(req.url.slice(q + 1));
};
