/**
 * The database cannot do what was asked right now, for a reason that is not the request's fault: it
 * is unreachable or restarting, refuses writes (read-only, disk full), or did not answer in time. The
 * storage layer says so with this one type, so the HTTP edge answers 503 with `Retry-After` instead
 * of a 500 (docs/operations/faults.md). It names no HTTP status: storage knows no HTTP.
 */
export type StorageUnavailableReason = 'unreachable' | 'timeout' | 'busy' | 'read_only' | 'disk_full' | 'io_error';

const EXPLANATIONS: Record<StorageUnavailableReason, string> = {
  unreachable: 'The database cannot be reached.',
  timeout: 'The database did not answer in time.',
  busy: 'The database is busy: a lock or a connection was not granted in time.',
  read_only: 'The database refuses writes: read-only.',
  disk_full: 'The database refuses writes: disk full.',
  io_error: 'The database cannot read or write its files (disk I/O error).',
};

export class StorageUnavailable extends Error {
  override readonly name = 'StorageUnavailable';
  readonly reason: StorageUnavailableReason;

  constructor(reason: StorageUnavailableReason, cause: unknown) {
    super(EXPLANATIONS[reason], { cause });
    this.reason = reason;
  }
}
