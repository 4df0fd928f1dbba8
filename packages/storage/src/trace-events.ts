/**
 * The flow tracer's events on SQLite and PostgreSQL (table from migration 0010, indexes as of 0014). The
 * recorder hands over a batch, stored with one multi-row INSERT (one statement, one commit). Reads are
 * equalities on indexed columns: a trace's chain oldest first, recent events newest first, counts of
 * one stop and outcome since a time. The optional columns' indexes are partial (`IS NOT NULL`): an
 * equality implies that, so both planners still use them.
 */
import type { TraceEvent, TraceStore } from '@olympus/trace';
import type { Db, SqlValue } from './db/types.ts';
import { deleteInBatches } from './oauth2/batch-delete.ts';

interface EventRow {
  id: string;
  schema_version: number;
  trace_id: string;
  stop: TraceEvent['stop'];
  occurred_at: number;
  duration_ms: number;
  outcome: TraceEvent['outcome'];
  error_code: string | null;
  error_id: string | null;
  request_id: string | null;
  client_id: string | null;
  identity_id: string | null;
  challenge_id: string | null;
  flow_id: string | null;
  evidence: Record<string, unknown>;
}

const COLUMNS = 'id, schema_version, trace_id, stop, occurred_at, duration_ms, outcome, error_code, error_id, request_id, client_id, identity_id, challenge_id, flow_id, evidence';
const ROW_PLACEHOLDERS = `(${COLUMNS.split(',').map(() => '?').join(', ')})`;
const DEFAULT_BATCH_SIZE = 500;

/** The optional columns and the event fields they hold. */
const OPTIONAL = [
  ['error_code', 'errorCode'], ['error_id', 'errorId'], ['request_id', 'requestId'], ['client_id', 'clientId'],
  ['identity_id', 'identityId'], ['challenge_id', 'challengeId'], ['flow_id', 'flowId'],
] as const;

const toEvent = (row: EventRow): TraceEvent => {
  const event: TraceEvent = {
    schemaVersion: Number(row.schema_version),
    id: row.id,
    traceId: row.trace_id,
    stop: row.stop,
    time: new Date(Number(row.occurred_at)).toISOString(),
    durationMs: Number(row.duration_ms),
    outcome: row.outcome,
    evidence: row.evidence,
  };
  for (const [column, field] of OPTIONAL) if (row[column] !== null) event[field] = row[column];
  return event;
};

const rowOf = (e: TraceEvent): SqlValue[] => [
  e.id, e.schemaVersion, e.traceId, e.stop, Date.parse(e.time), e.durationMs, e.outcome,
  ...OPTIONAL.map(([, field]) => e[field] ?? null), e.evidence,
];

/** `column = ?` for each given filter, with its parameters. */
const filters = (pairs: [string, SqlValue][], since: number | undefined): { where: string; params: SqlValue[] } => {
  const given = pairs.filter(([, value]) => value !== undefined);
  const where = given.map(([column]) => `${column} = ?`);
  const params = given.map(([, value]) => value);
  if (since !== undefined) {
    where.push('occurred_at >= ?');
    params.push(since);
  }
  return { where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
};

export const sqlTraceStore = (db: Db): TraceStore => ({
  async appendBatch(events) {
    if (events.length === 0) return;
    await db.execute(`INSERT INTO trace_events (${COLUMNS}) VALUES ${events.map(() => ROW_PLACEHOLDERS).join(', ')}`, events.flatMap(rowOf));
  },

  async listByTrace(traceId) {
    const rows = await db.query<EventRow>(`SELECT ${COLUMNS} FROM trace_events WHERE trace_id = ? ORDER BY occurred_at, seq`, [traceId]);
    return rows.map(toEvent);
  },

  async listRecent({ requestId, clientId, identityId, challengeId, flowId, errorId, stop, outcome, since, limit }) {
    const { where, params } = filters([
      ['request_id', requestId], ['client_id', clientId], ['identity_id', identityId], ['challenge_id', challengeId],
      ['flow_id', flowId], ['error_id', errorId], ['stop', stop], ['outcome', outcome],
    ], since);
    const rows = await db.query<EventRow>(`SELECT ${COLUMNS} FROM trace_events ${where} ORDER BY occurred_at DESC, seq DESC LIMIT ?`, [...params, limit]);
    return rows.map(toEvent);
  },

  async count({ stop, outcome, since }) {
    const { where, params } = filters([['stop', stop], ['outcome', outcome]], since);
    const [row] = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM trace_events ${where}`, params);
    return Number(row?.n ?? 0);
  },

  async linkErrorId(requestId, errorId) {
    return db.execute('UPDATE trace_events SET error_id = ? WHERE request_id = ? AND error_id IS NULL', [errorId, requestId]);
  },

  deleteOlderThan: (time, limit, batchSize = DEFAULT_BATCH_SIZE) =>
    deleteInBatches(db, { table: 'trace_events', key: ['seq'], where: 'occurred_at < ?', params: [time] }, limit, Math.min(batchSize, limit)),
});
