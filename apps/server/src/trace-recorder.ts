/**
 * The flow tracer's writer, off the request path (docs/operations/tracing.md): a core's report is
 * pushed onto an in-memory queue and the request goes on; every ~200 ms, or as soon as 500 reports
 * wait, one batch is stamped, redacted (@olympus/trace newTraceEvent) and stored with one multi-row
 * INSERT. The queue is bounded: when the database cannot keep up, reports are dropped with one
 * warning line (until the queue drains) rather than growing without bound. `close` flushes what is left.
 * `link` names the error id an error page showed on the events of its request (TraceErrorLinks in
 * @olympus/http): on the reports still queued, else on the stored events, after the write in flight.
 */
import { newTraceEvent, type TraceStore } from '@olympus/trace';
import type { Logger, TracePort, TraceReport } from '@olympus/oauth2';
import { StorageUnavailable } from '@olympus/storage';

export interface TraceRecorderOptions {
  flushEveryMs?: number;
  batchSize?: number;
  /** Reports kept waiting at most; more are dropped. */
  maxQueued?: number;
  now?: () => number;
}

export interface TraceRecorder {
  /** The cores' `trace` port: never blocks, never throws. */
  record: TracePort;
  /** Stores everything queued so far. */
  flush(): Promise<void>;
  /** Flushes and stops the timer; later reports are ignored. */
  close(): Promise<void>;
  /** Ties an error id to the events of its request; never blocks, never throws. */
  link(requestId: string, errorId: string): void;
}

/** A report as it waits: the error id is filled in when an error page names it (`link`). */
type Queued = { report: TraceReport & { errorId?: string }; at: number };

/** Links waiting for the store at most; an error storm beyond it drops links, not requests. */
const MAX_PENDING_LINKS = 1_000;

export const startTraceRecorder = (store: TraceStore, log: Logger, opts: TraceRecorderOptions = {}): TraceRecorder => {
  const { flushEveryMs = 200, batchSize = 500, maxQueued = 50_000, now = Date.now } = opts;
  let queue: Queued[] = [];
  let pendingLinks = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let dropping = false;
  let closed = false;

  /** A database outage is named by its reason, without a stack trace; anything else keeps its stack. */
  const failure = (err: unknown) => (err instanceof StorageUnavailable ? { reason: err.reason, error: err.message } : { err });

  const writeBatches = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, batchSize);
      queue = queue.slice(batch.length);
      try {
        await store.appendBatch(batch.map(({ report, at }) => newTraceEvent(report, at)));
      } catch (err) {
        log.warn({ ...failure(err), events: batch.length }, 'trace events could not be stored; they are lost');
      }
    }
    if (dropping) log.info('the trace queue drained; recording again');
    dropping = false;
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    writing = writing.then(writeBatches);
    return writing;
  };

  const record: TracePort = (report) => {
    if (closed) return;
    if (queue.length >= maxQueued) {
      if (!dropping) log.warn({ max_queued: maxQueued }, 'trace queue full: trace events are dropped until it drains');
      dropping = true;
      return;
    }
    queue.push({ report, at: now() });
    if (queue.length >= batchSize) void flush();
    else if (timer === undefined) {
      timer = setTimeout(() => void flush(), flushEveryMs);
      // A waiting flush never keeps the process alive; close() flushes on shutdown.
      timer.unref();
    }
  };

  /** Patches the stored events once the batch in flight (which may hold them) is written. */
  const linkStored = (requestId: string, errorId: string): void => {
    if (pendingLinks >= MAX_PENDING_LINKS) return;
    pendingLinks += 1;
    writing = writing.then(async () => {
      try {
        await store.linkErrorId(requestId, errorId);
      } catch (err) {
        // With the database unavailable the request's own warn line already says so (docs/operations/faults.md).
        const level = err instanceof StorageUnavailable ? 'debug' : 'warn';
        log[level]({ ...failure(err), request_id: requestId, error_id: errorId }, 'the error id could not be linked to its trace events');
      } finally {
        pendingLinks -= 1;
      }
    });
  };

  const link = (requestId: string, errorId: string): void => {
    if (closed || requestId === '' || errorId === '') return;
    let patched = false;
    for (const queued of queue) {
      if (queued.report.requestId !== requestId || queued.report.errorId !== undefined) continue;
      queued.report = { ...queued.report, errorId };
      patched = true;
    }
    if (!patched) linkStored(requestId, errorId);
  };

  return {
    record,
    flush,
    link,
    close: async () => {
      closed = true;
      await flush();
    },
  };
};
