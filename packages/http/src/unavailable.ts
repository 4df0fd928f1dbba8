/**
 * The storage layer's StorageUnavailable (packages/storage/src/errors.ts) as the HTTP edge answers it:
 * 503 with `Retry-After` (RFC 9110 §10.2.3), OAuth2's `temporarily_unavailable` (RFC 6749 §5.2, and
 * §4.1.2.1 at the authorization endpoint), Kratos' envelope on identity routes, the error page for a
 * browser (docs/operations/faults.md). Recognised by name and reason, not by class: @olympus/http and
 * @olympus/storage sit on the same layer and do not import each other (docs/architecture.md).
 */
import { ServiceUnavailable } from '@olympus/identity';
import { TemporarilyUnavailable } from '@olympus/oauth2';

/** Seconds a client waits before retrying: about how long the pool needs to reconnect once the database is back. */
export const RETRY_AFTER_SECONDS = 3;

export interface StorageOutage {
  /** unreachable, timeout, busy, read_only, disk_full or io_error. */
  reason: string;
  /** What the database refuses, in words ("The database refuses writes: read-only."). */
  message: string;
}

/** The outage behind an error, looking through `cause` (a core may wrap it); undefined for anything else. */
export const storageOutageOf = (err: unknown): StorageOutage | undefined => {
  let current = err;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const reason = (current as { reason?: unknown }).reason;
    if (current.name === 'StorageUnavailable' && typeof reason === 'string') return { reason, message: current.message };
    current = current.cause;
  }
  return undefined;
};

const HINT = `Nothing was changed; retry after ${RETRY_AFTER_SECONDS} seconds (Retry-After).`;

export const oauth2Unavailable = (outage: StorageOutage): TemporarilyUnavailable =>
  new TemporarilyUnavailable(outage.message, { hint: HINT, debug: `storage: ${outage.reason}` });

export const identityUnavailable = (outage: StorageOutage, cause: unknown): ServiceUnavailable => {
  const err = new ServiceUnavailable(outage.message, { reason: HINT, debug: `storage: ${outage.reason}` });
  err.cause = cause;
  return err;
};
