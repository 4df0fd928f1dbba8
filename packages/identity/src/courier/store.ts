/**
 * The courier's storage port: a persisted queue. Claims are atomic (one message goes to exactly one
 * worker, also across processes and nodes), which is what makes N stateless nodes safe to run.
 */
import type { CourierMessage, CourierMessageStatus } from './message.ts';

/** Keyset position of a list page: messages older than this one (newest first). */
export interface CourierCursor {
  createdAt: number;
  id: string;
}

export interface CourierListQuery {
  limit: number;
  status?: CourierMessageStatus;
  recipient?: string;
  after?: CourierCursor;
}

export interface CourierPage {
  messages: CourierMessage[];
  /** Set when more messages follow. */
  next?: CourierCursor;
}

export interface CourierFailure {
  error: string;
  now: number;
  /** Earliest time the message may be claimed again. */
  retryAt: number;
  /** Abandon instead when this failure makes send_count reach it. */
  maxSends: number;
}

export interface CourierStore {
  /** Stores a new message (status queued, no dispatches). */
  enqueue(message: CourierMessage): Promise<void>;
  /**
   * Moves up to `limit` queued messages that are due at `now` to processing and returns them, oldest
   * first. Messages left in processing for longer than `leaseMs` (a worker died mid-send) count as
   * queued again.
   */
  claim(limit: number, now: number, leaseMs: number): Promise<CourierMessage[]>;
  /** Records a successful send of a claimed message; false when it is not in processing. */
  markSent(id: string, now: number): Promise<boolean>;
  /** Records a failed send: back to queued until `retryAt`, or abandoned; undefined when not in processing. */
  markFailed(id: string, failure: CourierFailure): Promise<CourierMessageStatus | undefined>;
  list(query: CourierListQuery): Promise<CourierPage>;
  get(id: string): Promise<CourierMessage | undefined>;
}
