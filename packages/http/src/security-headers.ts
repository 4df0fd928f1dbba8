import type { FastifyInstance } from 'fastify';

/** Content-Security-Policy of Olympus' own HTML: no scripts, nothing external, never framed (RFC 9700 §4.16). */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Headers on every response: no MIME sniffing, no referrer (RFC 9700 §4.2.4), HSTS behind https
 * (ASVS 5.0 3.4.1); on HTML also CSP, X-Frame-Options (docs/security.md AS-22, AS-23).
 * A route that needs its own CSP (form_post) sets it and it is kept.
 */
export const registerSecurityHeaders = (app: FastifyInstance, opts: { https: boolean }): void => {
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (opts.https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP);
      reply.header('x-frame-options', 'DENY');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    }
    return payload;
  });
};

/** X-Request-Id on every response: the incoming one when it looks sane, else a fresh id. */
export const REQUEST_ID_HEADER = 'x-request-id';
export const requestIdFrom = (incoming: unknown, fresh: () => string): string =>
  typeof incoming === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(incoming) ? incoming : fresh();

export const registerRequestId = (app: FastifyInstance): void => {
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
};
