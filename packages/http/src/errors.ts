import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdentityError } from '@olympus/identity';
import { InvalidRequest, NotFound, OAuth2Error, RequestTooLarge, ServerError } from '@olympus/oauth2';
import { errorPageRendererOf } from './error-page.ts';
import { troubleshootingUrl } from './docs-link.ts';

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
}

/** Turns framework errors (bad JSON, unsupported media type, body too large) into OAuth2 errors. */
const fromFramework = (err: FastifyError): OAuth2Error => {
  const status = err.statusCode ?? 500;
  if (status >= 500) return new ServerError('The server met an unexpected condition.', { debug: err.message });
  if (status === 413) {
    return new RequestTooLarge('The request body is larger than Olympus accepts.', {
      hint: 'OAuth2 form bodies are limited to 64 KiB and admin JSON bodies to 1 MiB; send a smaller body.',
      debug: err.message,
    });
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new InvalidRequest(`The content type of the request is not supported here.`, {
      hint: 'Send application/x-www-form-urlencoded to the OAuth2 endpoints and application/json to the admin API.',
      debug: err.message,
    });
  }
  return new InvalidRequest(`The request could not be read: ${err.message}`);
};

export const toOAuth2Error = (err: unknown): OAuth2Error => {
  if (err instanceof OAuth2Error) return err;
  const fe = err as FastifyError;
  if (typeof fe?.statusCode === 'number') return fromFramework(fe);
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
  const fields = { error_id: errorId, error: err.error, error_description: err.description, error_hint: err.hint, error_debug: err.debug };
  if (err.status >= 500) req.log.error({ ...fields, err: original }, 'request failed');
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

export const registerErrorHandling = (app: FastifyInstance, opts: ErrorRendering): void => {
  app.setErrorHandler((raw: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const errorId = randomUUID();
    if (raw instanceof ShowErrorPage) {
      logError(req, raw.cause, errorId, raw);
      return reply
        .code(raw.cause.status)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(errorPageRendererOf(app)(req, { err: raw.cause, errorId, requestId: String(req.id), ...opts }));
    }
    if (raw instanceof IdentityError) return sendIdentityError(req, reply, raw, errorId, opts.exposeDebug);
    const err = toOAuth2Error(raw);
    logError(req, err, errorId, raw);
    if (err.error === 'invalid_client' && typeof req.headers.authorization === 'string' && /^basic /i.test(req.headers.authorization)) {
      reply.header('www-authenticate', 'Basic realm="olympus"'); // RFC 6749 §5.2
    }
    return reply.code(err.status).header('cache-control', 'no-store').send(errorBody(err, opts));
  });
  app.setNotFoundHandler((req, reply) => {
    const err = new NotFound(`No route matches ${req.method} ${req.url.split('?')[0]}.`, {
      hint: 'Check the path and method; admin APIs live on the admin origin, OAuth2 and self-service on the public one.',
    });
    return reply.code(404).send(errorBody(err, opts));
  });
};
