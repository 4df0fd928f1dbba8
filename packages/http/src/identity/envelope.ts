/**
 * The identity routes' answer to a request Olympus cannot read (unreadable-request.ts: too large, not
 * UTF-8, not JSON, a parameter twice, an unsupported media type): Kratos' error envelope
 * (`bad_request`, HTTP 413 when too large) instead of the OAuth2 one the rest of the origin uses.
 * Errors of the handlers themselves keep their own envelope.
 */
import type { FastifyInstance } from 'fastify';
import { BadRequest, PayloadTooLarge } from '@olympus/identity';
import { unreadableRequestOf } from '../unreadable-request.ts';
import { identityUnavailable, storageOutageOf } from '../unavailable.ts';

/** herodot's wording for a malformed request, which Kratos' clients know. */
export const MALFORMED = 'The request was malformed or contained invalid parameters';

export const toIdentityError = (err: unknown): unknown => {
  // The database unavailable: Kratos' envelope with 503 (docs/operations/faults.md).
  const outage = storageOutageOf(err);
  if (outage !== undefined) return identityUnavailable(outage, err);
  const unreadable = unreadableRequestOf(err);
  if (unreadable === undefined) return err;
  const reason = `${unreadable.message} ${unreadable.hint}`.trim();
  return unreadable.statusCode === 413
    ? new PayloadTooLarge(unreadable.message, { reason: unreadable.hint, debug: unreadable.debug })
    : new BadRequest(MALFORMED, { reason, debug: unreadable.debug });
};

/** Routes registered in `scope` answer unreadable requests in Kratos' envelope; the app's handler sends it. */
export const useKratosEnvelope = (scope: FastifyInstance): void => {
  scope.setErrorHandler((err: unknown) => {
    throw toIdentityError(err);
  });
};
