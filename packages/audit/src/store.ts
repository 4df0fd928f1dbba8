/**
 * The audit log's storage port; packages/storage implements it in SQL (audit-events.ts) and its
 * contract tests run on SQLite and PostgreSQL.
 */
import type { AuditEvent } from './event.ts';

/** A keyset position in the newest-first order; storage makes it, page tokens seal it. */
export interface AuditCursor {
  /** Epoch milliseconds of the last event shown. */
  time: number;
  /** Its insertion number, which orders events of the same millisecond. */
  seq: number;
}

export interface AuditQuery {
  /** The actor's id: an identity id, an API key's name, `local`. */
  actor?: string;
  targetId?: string;
  targetType?: string;
  /** A whole action or a family prefix (actions.ts readActionFilter). */
  action?: string;
  /** Only events older than this position: the next page. */
  before?: AuditCursor;
  limit: number;
}

export interface AuditPage {
  /** Newest first. */
  events: AuditEvent[];
  /** Where the next page starts; absent on the last page. */
  next?: AuditCursor;
}

export interface AuditStore {
  append(event: AuditEvent): Promise<void>;
  list(query: AuditQuery): Promise<AuditPage>;
  /** Deletes up to `limit` events older than `time` (epoch ms), at most `batchSize` per statement; returns how many. */
  deleteOlderThan(time: number, limit: number, batchSize?: number): Promise<number>;
}
