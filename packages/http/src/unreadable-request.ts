/**
 * A request refused before any route handler sees it because its input cannot be read as sent: a body
 * too large, not UTF-8, not JSON, of an unsupported media type, a form parameter given twice. It names
 * no protocol: the error handler answers it in the envelope of the route it was sent to (errors.ts:
 * OAuth2's `invalid_request`; identity/envelope.ts: Kratos' `bad_request`), so the same input is
 * refused the same way everywhere.
 */
import type { FastifyError } from 'fastify';
import { BODY_LIMIT_HINT } from './body-limits.ts';

export class UnreadableRequest extends Error {
  /** The HTTP status, read by Fastify like its own errors' statusCode. */
  readonly statusCode: number;
  readonly hint: string;
  readonly debug: string;

  constructor(message: string, opts: { hint?: string; statusCode?: number; debug?: string } = {}) {
    super(message);
    this.statusCode = opts.statusCode ?? 400;
    this.hint = opts.hint ?? '';
    this.debug = opts.debug ?? '';
  }
}

/** Fastify's refusals of a request it cannot read (its 4xx errors), in Olympus' words. */
const fromFramework = (err: FastifyError): UnreadableRequest => {
  if (err.statusCode === 413) {
    return new UnreadableRequest('The request body is larger than Olympus accepts.', { statusCode: 413, hint: BODY_LIMIT_HINT, debug: err.message });
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new UnreadableRequest('The content type of the request is not supported here.', {
      hint: 'Send application/x-www-form-urlencoded to the OAuth2 endpoints, application/json to the admin API, either to self-service flows.',
      debug: err.message,
    });
  }
  return new UnreadableRequest(`The request could not be read: ${err.message}`);
};

/** The error as an unreadable request, or undefined when it is something else (a handler's error, a 5xx). */
export const unreadableRequestOf = (err: unknown): UnreadableRequest | undefined => {
  if (err instanceof UnreadableRequest) return err;
  const status = (err as FastifyError | null)?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return fromFramework(err as FastifyError);
};
