/**
 * The audit log on SQLite and PostgreSQL (table from migration 0008). Events are appended once and
 * read newest first by (occurred_at, seq): keyset pages, never OFFSET, so a page costs the same deep
 * in the log. Filters are equalities on indexed columns; an action family (`client.secret`) is the
 * action itself or a prefix up to a dot, compared with substr so no LIKE wildcard or collation is
 * involved.
 */
import type { AuditCursor, AuditEvent, AuditStore } from '@olympus/audit';
import type { Db, SqlValue } from './db/types.ts';
import { deleteInBatches } from './oauth2/batch-delete.ts';

interface EventRow {
  seq: number | string;
  id: string;
  occurred_at: number;
  actor_kind: AuditEvent['actor']['kind'];
  actor_id: string;
  actor_label: string;
  action: AuditEvent['action'];
  target_type: AuditEvent['target']['type'];
  target_id: string;
  target_label: string | null;
  diff: AuditEvent['diff'];
  details: Record<string, unknown> | null;
  request_id: string | null;
  outcome: AuditEvent['outcome'];
}

const COLUMNS = 'id, occurred_at, actor_kind, actor_id, actor_label, action, target_type, target_id, target_label, diff, details, request_id, outcome';
const DEFAULT_BATCH_SIZE = 500;

const toEvent = (row: EventRow): AuditEvent => ({
  id: row.id,
  time: new Date(row.occurred_at).toISOString(),
  actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
  action: row.action,
  target: { type: row.target_type, id: row.target_id, ...(row.target_label === null ? {} : { label: row.target_label }) },
  diff: row.diff,
  ...(row.details === null ? {} : { details: row.details }),
  ...(row.request_id === null ? {} : { requestId: row.request_id }),
  outcome: row.outcome,
});

const rowOf = (e: AuditEvent): SqlValue[] => [
  e.id, Date.parse(e.time), e.actor.kind, e.actor.id, e.actor.label, e.action, e.target.type, e.target.id, e.target.label ?? null,
  e.diff, e.details ?? null, e.requestId ?? null, e.outcome,
];

export const sqlAuditStore = (db: Db): AuditStore => ({
  async append(event) {
    await db.execute(`INSERT INTO audit_events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, rowOf(event));
  },

  async list({ actor, targetId, targetType, action, before, limit }) {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const equal = (column: string, value: string | undefined): void => {
      if (value === undefined) return;
      where.push(`${column} = ?`);
      params.push(value);
    };
    equal('actor_id', actor);
    equal('target_id', targetId);
    equal('target_type', targetType);
    if (action !== undefined) {
      where.push('(action = ? OR substr(action, 1, ?) = ?)');
      params.push(action, action.length + 1, `${action}.`);
    }
    if (before !== undefined) {
      where.push('(occurred_at < ? OR (occurred_at = ? AND seq < ?))');
      params.push(before.time, before.time, before.seq);
    }
    // One extra row tells whether another page follows.
    const rows = await db.query<EventRow>(
      `SELECT seq, ${COLUMNS} FROM audit_events ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY occurred_at DESC, seq DESC LIMIT ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next: AuditCursor | undefined = rows.length > limit && last !== undefined ? { time: last.occurred_at, seq: Number(last.seq) } : undefined;
    return { events: page.map(toEvent), ...(next === undefined ? {} : { next }) };
  },

  deleteOlderThan: (time, limit, batchSize = DEFAULT_BATCH_SIZE) =>
    deleteInBatches(db, { table: 'audit_events', key: ['seq'], where: 'occurred_at < ?', params: [time] }, limit, Math.min(batchSize, limit)),
});
