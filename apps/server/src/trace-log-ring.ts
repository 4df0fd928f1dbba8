/**
 * This node's newest log lines that carry a `trace_id`, kept in a bounded ring for Athena's trace page
 * (HttpDeps.traceLogs, docs/operations/tracing.md). It is a pino destination behind the logger, so a
 * line arrives serialized and already redacted (logger.ts); lines without a trace id are skipped
 * before parsing, which keeps the cost off requests that are not part of a flow.
 */
import pino from 'pino';
import type { TraceLogLine, TraceLogLines } from '@olympus/http';

/** Lines kept per node: enough for the last few minutes of a busy node's flows, a few MB at most. */
export const TRACE_LOG_CAPACITY = 5000;

/** Members every line has (logger.ts) that say nothing about the decision. */
const FRAME = new Set(['time', 'level', 'msg', 'trace_id', 'service', 'pid', 'hostname']);

interface Kept extends TraceLogLine {
  traceId: string;
}

const levelName = (level: unknown): string => (typeof level === 'number' ? (pino.levels.labels[level] ?? String(level)) : String(level));

const parsed = (line: string): Kept | undefined => {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof record.trace_id !== 'string' || record.trace_id === '') return undefined;
  const fields = Object.fromEntries(Object.entries(record).filter(([key]) => !FRAME.has(key)));
  return { traceId: record.trace_id, time: String(record.time ?? ''), level: levelName(record.level), msg: String(record.msg ?? ''), fields };
};

export class TraceLogRing implements TraceLogLines, pino.DestinationStream {
  readonly capacity: number;
  private readonly kept: Array<Kept | undefined>;
  private next = 0;

  constructor(capacity = TRACE_LOG_CAPACITY) {
    this.capacity = capacity;
    this.kept = new Array<Kept | undefined>(capacity);
  }

  write(line: string): void {
    if (!line.includes('"trace_id"')) return;
    const kept = parsed(line);
    if (kept === undefined) return;
    this.kept[this.next] = kept;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The trace's lines still in the ring, oldest first. */
  forTrace(traceId: string): TraceLogLine[] {
    const ordered = [...this.kept.slice(this.next), ...this.kept.slice(0, this.next)];
    return ordered.filter((k): k is Kept => k !== undefined && k.traceId === traceId).map(({ time, level, msg, fields }) => ({ time, level, msg, fields }));
  }
}
