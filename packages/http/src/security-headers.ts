import type { FastifyInstance } from 'fastify';

/** Content-Security-Policy of Olympus' own HTML: no scripts, nothing external, never framed (RFC 9700 §4.16). */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface ResponseHeaderOptions {
  https: boolean;
  /** Which node answered, behind a load balancer (docs/operations/deployment.md): `serve.node_id`. */
  nodeId: string;
}

/**
 * Headers every response carries, whatever its route, type or status: no MIME sniffing, no referrer
 * (RFC 9700 §4.2.4), HSTS behind https (ASVS 5.0 3.4.1), and the answering node.
 */
export const fixedResponseHeaders = (opts: ResponseHeaderOptions): ReadonlyArray<readonly [string, string]> => [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ...(opts.https ? [['strict-transport-security', 'max-age=31536000; includeSubDomains'] as const] : []),
  ['x-olympus-node', opts.nodeId],
];

/**
 * X-Request-Id and the fixed headers on every response, set when the request arrives (a route may
 * still add its own); on HTML also CSP, X-Frame-Options (docs/security.md AS-22, AS-23), decided when
 * the answer's type is known. A route that needs its own CSP (form_post) sets it and it is kept.
 * Callback hooks, one per stage: they run on every request, and a promise per hook costs
 * (docs/decisions/0002-hot-path-performance.md).
 */
export const registerResponseHeaders = (app: FastifyInstance, opts: ResponseHeaderOptions): void => {
  const fixed = fixedResponseHeaders(opts);
  app.addHook('onRequest', (req, reply, done) => {
    reply.header(REQUEST_ID_HEADER, req.id);
    for (const [name, value] of fixed) reply.header(name, value);
    done();
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP);
      reply.header('x-frame-options', 'DENY');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
};

/** X-Request-Id on every response: the incoming one when it looks sane, else a fresh id. */
export const REQUEST_ID_HEADER = 'x-request-id';
export const requestIdFrom = (incoming: unknown, fresh: () => string): string =>
  typeof incoming === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(incoming) ? incoming : fresh();
