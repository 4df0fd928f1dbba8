import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdentityError } from '@olympus/identity';
import { InvalidRequest, NotFound, OAuth2Error, RequestTooLarge, ServerError } from '@olympus/oauth2';
import type { TraceErrorLinks } from './deps.ts';
import { newErrorId, useTraceErrorLinks } from './error-id.ts';
import { errorPageRendererOf } from './error-page.ts';
import { troubleshootingUrl } from './docs-link.ts';
import { unreadableRequestOf } from './unreadable-request.ts';
import { isNavigation } from './navigation-constraint.ts';
import { oauth2Unavailable, RETRY_AFTER_SECONDS, storageOutageOf, type StorageOutage } from './unavailable.ts';

/**
 * Thrown where the browser cannot be sent back to the client (unknown client, unregistered
 * redirect URI — RFC 6749 §4.1.2.1): Olympus shows its own error page instead of redirecting.
 */
export class ShowErrorPage extends Error {
  override readonly cause: OAuth2Error;
  constructor(cause: OAuth2Error) {
    super(cause.description);
    this.cause = cause;
  }
}

export interface ErrorRendering {
  exposeDebug: boolean;
  /** Base URL under which docs/troubleshooting/<code> is served. */
  docsBaseUrl: string;
  /** Ties each error id to the trace events of its request; absent when tracing is off. */
  traceErrors?: TraceErrorLinks;
}

/**
 * Any error as an OAuth2 error: a request Olympus cannot read (unreadable-request.ts) is a malformed
 * request (RFC 6749 §5.2 `invalid_request`), told apart by HTTP 413 when too large; anything else
 * unexpected is `server_error`.
 */
export const toOAuth2Error = (err: unknown): OAuth2Error => {
  if (err instanceof OAuth2Error) return err;
  const outage = storageOutageOf(err);
  if (outage !== undefined) return oauth2Unavailable(outage);
  const unreadable = unreadableRequestOf(err);
  if (unreadable !== undefined) {
    const details = { hint: unreadable.hint, debug: unreadable.debug };
    return unreadable.statusCode === 413 ? new RequestTooLarge(unreadable.message, details) : new InvalidRequest(unreadable.message, details);
  }
  return new ServerError('The server met an unexpected condition.', { debug: String((err as Error)?.message ?? err) });
};

export const errorBody = (err: OAuth2Error, opts: ErrorRendering): Record<string, unknown> => {
  const body = err.toBody(opts.exposeDebug);
  if (opts.exposeDebug) {
    const link = `Troubleshooting: ${troubleshootingUrl(opts.docsBaseUrl, err.error)}`;
    body.error_hint = body.error_hint ? `${body.error_hint} ${link}` : link;
  }
  return body;
};

const logError = (req: FastifyRequest, err: OAuth2Error, errorId: string, original: unknown): void => {
  const fields = {
    // The trace the refusal belongs to, so the flow tracer's page can show this line (docs/operations/tracing.md).
    ...(err.traceId === undefined ? {} : { trace_id: err.traceId }),
    error_id: errorId, error: err.error, error_description: err.description, error_hint: err.hint, error_debug: err.debug,
  };
  // A 503 is a known, passing condition: no stack trace. One with a cause hides an unexpected failure
  // (a database outage never reaches here: sendUnavailable answers it), so that is logged as an error.
  if (err.status === 503 && err.cause === undefined) req.log.warn(fields, 'request failed: temporarily unavailable');
  else if (err.status >= 500) req.log.error({ ...fields, err: err.cause ?? original }, 'request failed');
  else req.log.info(fields, 'request rejected');
};

/** Identity-server errors keep Kratos' envelope (docs/compatibility.md §2.4), not the OAuth2 one. */
const sendIdentityError = (req: FastifyRequest, reply: FastifyReply, err: IdentityError, errorId: string, exposeDebug: boolean) => {
  const fields = { error_id: errorId, error: err.id, error_description: err.message, error_reason: err.reason, error_debug: err.debug };
  if (err.code >= 500) req.log.error({ ...fields, err }, 'request failed');
  else req.log.info(fields, 'request rejected');
  // RFC 9110 §10.2.3: how long a rate-limited client waits (protection/rate-limit.ts puts it in details).
  const retryAfter = err.details.retry_after_seconds;
  if (err.code === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.code(err.code).header('cache-control', 'no-store').send(err.toBody(String(req.id), exposeDebug));
};

/**
 * The database is unavailable (unavailable.ts): 503 with Retry-After in the envelope of the route, or
 * the error page for a browser, and one warn line without a stack trace (docs/operations/faults.md).
 */
const sendUnavailable = (app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, raw: unknown, outage: StorageOutage, errorId: string, opts: ErrorRendering) => {
  req.log.warn({ error_id: errorId, error: 'temporarily_unavailable', reason: outage.reason, error_description: outage.message }, 'database unavailable');
  void reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).header('cache-control', 'no-store');
  const err = oauth2Unavailable(outage);
  if (isNavigation(req)) {
    const input = { err, errorId, requestId: String(req.id), exposeDebug: opts.exposeDebug, docsBaseUrl: opts.docsBaseUrl };
    return reply.type('text/html; charset=utf-8').send(errorPageRendererOf(app)(req, input));
  }
  if (raw instanceof IdentityError) return reply.send(raw.toBody(String(req.id), opts.exposeDebug));
  return reply.send(errorBody(err, opts));
};

export const registerErrorHandling = (app: FastifyInstance, opts: ErrorRendering): void => {
  useTraceErrorLinks(app, opts.traceErrors);
  app.setErrorHandler((raw: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const errorId = newErrorId(req);
    const outage = storageOutageOf(raw);
    if (outage !== undefined) return sendUnavailable(app, req, reply, raw, outage, errorId, opts);
    if (raw instanceof ShowErrorPage) {
      logError(req, raw.cause, errorId, raw);
      return reply
        .code(raw.cause.status)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(errorPageRendererOf(app)(req, { err: raw.cause, errorId, requestId: String(req.id), exposeDebug: opts.exposeDebug, docsBaseUrl: opts.docsBaseUrl }));
    }
    if (raw instanceof IdentityError) return sendIdentityError(req, reply, raw, errorId, opts.exposeDebug);
    const err = toOAuth2Error(raw);
    logError(req, err, errorId, raw);
    if (err.error === 'invalid_client' && typeof req.headers.authorization === 'string' && /^basic /i.test(req.headers.authorization)) {
      reply.header('www-authenticate', 'Basic realm="olympus"'); // RFC 6749 §5.2
    }
    if (err.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS)); // RFC 9110 §10.2.3
    return reply.code(err.status).header('cache-control', 'no-store').send(errorBody(err, opts));
  });
  app.setNotFoundHandler((req, reply) => {
    const err = new NotFound(`No route matches ${req.method} ${req.url.split('?')[0]}.`, {
      hint: 'Check the path and method; admin APIs live on the admin origin, OAuth2 and self-service on the public one.',
    });
    return reply.code(404).send(errorBody(err, opts));
  });
};
