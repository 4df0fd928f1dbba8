/**
 * The trace events' storage port; packages/storage implements it in SQL (trace-events.ts) and its
 * contract tests run on SQLite and PostgreSQL.
 */
import type { TraceEvent, TraceOutcome } from './event.ts';
import type { TraceStop } from './stops.ts';

export interface TraceRecentQuery {
  /** The `X-Request-Id` a stop recorded. */
  requestId?: string;
  clientId?: string;
  identityId?: string;
  /** A login, consent or logout challenge. */
  challengeId?: string;
  /** An OAuth2 or identity flow id. */
  flowId?: string;
  /** The id an error page showed. */
  errorId?: string;
  stop?: TraceStop;
  outcome?: TraceOutcome;
  /** Epoch ms: only events at or after it. */
  since?: number;
  limit: number;
}

export interface TraceCountQuery {
  stop?: TraceStop;
  outcome?: TraceOutcome;
  /** Epoch ms: only events at or after it. */
  since: number;
}

export interface TraceStore {
  /** Stores the events in one statement (a batch of the recorder). */
  appendBatch(events: readonly TraceEvent[]): Promise<void>;
  /** The chain of one trace, in the order its stops happened. */
  listByTrace(traceId: string): Promise<TraceEvent[]>;
  /** Newest first. */
  listRecent(query: TraceRecentQuery): Promise<TraceEvent[]>;
  count(query: TraceCountQuery): Promise<number>;
  /**
   * Names the error id an error page showed on the events of its request that have none yet: the page
   * is drawn after the core reported the stop, often after the batch was stored. Returns how many.
   */
  linkErrorId(requestId: string, errorId: string): Promise<number>;
  /** Deletes up to `limit` events older than `time` (epoch ms); returns how many. */
  deleteOlderThan(time: number, limit: number, batchSize?: number): Promise<number>;
}
