import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidRequest, OAuth2Error } from '@olympus/oauth2';
import { ShowErrorPage } from './errors.ts';

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
 * parsed with the same duplicate check (RFC 6749 §3.1). With a repeated parameter no redirect URI
 * can be trusted, so the browser gets the HTML error page, not JSON (RFC 6749 §4.1.2.1, AS-4, AS-6).
 */
export const requestParams = (req: FastifyRequest): Record<string, string> => {
  if (req.method === 'POST' && req.body && typeof req.body === 'object') return req.body as Record<string, string>;
  const q = req.url.indexOf('?');
  try {
    return q < 0 ? Object.create(null) : parseForm(req.url.slice(q + 1));
  } catch (err) {
    throw err instanceof OAuth2Error ? new ShowErrorPage(err) : err;
  }
};
