import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FORM_BODY_LIMIT } from './body-limits.ts';
import { ShowErrorPage, toOAuth2Error } from './errors.ts';
import { UnreadableRequest } from './unreadable-request.ts';
import { decodeFormComponent, decodeUtf8Body } from './utf8.ts';

/**
 * The name/value pairs of form-encoded text, split as the URL Standard's
 * application/x-www-form-urlencoded parser does (§5.1). Not URLSearchParams: Node's decodes an
 * escape followed by a non-ASCII character and a lone "%" into text nobody sent ("%41é%" became
 * "A\uFFFD%"; test/fuzz/pure-functions.test.ts).
 */
const formPairs = (text: string, what: string): Array<[string, string]> =>
  text.toWellFormed().split('&').filter((sequence) => sequence !== '').map((sequence) => {
    const eq = sequence.indexOf('=');
    const [name, value] = eq < 0 ? [sequence, ''] : [sequence.slice(0, eq), sequence.slice(eq + 1)];
    return [decodeFormComponent(name, what), decodeFormComponent(value, what)];
  });

/**
 * Parses application/x-www-form-urlencoded text (a body or a query string) into a plain record. A
 * parameter sent twice is refused, as RFC 6749 §3.1 and §3.2 require ("parameters MUST NOT be
 * included more than once"), and so are percent-escapes that are not UTF-8 (utf8.ts).
 */
export const parseForm = (text: string, what = 'request body'): Record<string, string> => {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of formPairs(text, what)) {
    if (key in out) throw new UnreadableRequest(`The request parameter "${key}" was sent more than once.`, {
      hint: 'RFC 6749 §3.1 forbids repeating a parameter; send each parameter once.',
    });
    out[key] = value;
  }
  return out;
};

/** Form bodies on every route: bytes up to FORM_BODY_LIMIT, UTF-8 only, each parameter once. */
export const registerFormBody = (app: FastifyInstance): void => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) => {
    try {
      done(null, parseForm(decodeUtf8Body(body as Buffer)));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
};

/**
 * The OAuth2 parameters of a browser request: the form body of a POST, else the query string,
 * parsed with the same checks. With a repeated or undecodable parameter no redirect URI can be
 * trusted, so the browser gets the HTML error page, not JSON (RFC 6749 §4.1.2.1, AS-4, AS-6).
 */
export const requestParams = (req: FastifyRequest): Record<string, string> => {
  if (req.method === 'POST' && req.body && typeof req.body === 'object') return req.body as Record<string, string>;
  const q = req.url.indexOf('?');
  try {
    return q < 0 ? Object.create(null) : parseForm(req.url.slice(q + 1), 'query string');
  } catch (err) {
    throw err instanceof UnreadableRequest ? new ShowErrorPage(toOAuth2Error(err)) : err;
  }
};
