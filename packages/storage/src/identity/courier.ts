/**
 * The courier queue on SQLite and PostgreSQL (tables from migration 0005). A claim is one statement,
 * `WITH picked AS (SELECT … LIMIT n) UPDATE … WHERE id IN picked RETURNING`: SQLite runs it under
 * its single write lock; PostgreSQL adds FOR UPDATE SKIP LOCKED so concurrent claimers take
 * different rows instead of waiting, and the UPDATE re-checks the status on the locked row. Either
 * way no message reaches two workers, in one process or many.
 */
import { randomUUID } from 'node:crypto';
import type { CourierDispatch, CourierMessage, CourierMessageStatus, CourierStore } from '@olympus/identity';
import type { Db, SqlValue } from '../db/types.ts';

interface MessageRow {
  id: string;
  status: CourierMessageStatus;
  type: 'email';
  recipient: string;
  subject: string;
  body: string;
  template_type: CourierMessage['template_type'];
  send_count: number;
  created_at: number;
  updated_at: number;
}

interface DispatchRow {
  id: string;
  message_id: string;
  status: CourierDispatch['status'];
  error: string | null;
  created_at: number;
}

const COLUMNS = 'id, status, type, recipient, subject, body, template_type, send_count, created_at, updated_at';
const CLAIMABLE = "status IN ('queued', 'processing') AND due_at <= ?";
const iso = (ms: number): string => new Date(ms).toISOString();

const toDispatch = (row: DispatchRow): CourierDispatch => ({
  id: row.id, message_id: row.message_id, status: row.status,
  ...(row.error === null ? {} : { error: { message: row.error } }),
  created_at: iso(row.created_at), updated_at: iso(row.created_at),
});

const toMessage = (row: MessageRow, dispatches: CourierDispatch[]): CourierMessage => ({
  id: row.id, status: row.status, type: row.type, channel: row.type, recipient: row.recipient, subject: row.subject,
  body: row.body, template_type: row.template_type, send_count: row.send_count, dispatches,
  created_at: iso(row.created_at), updated_at: iso(row.updated_at),
});

/** Attaches each message's dispatches (oldest first) with one query for the whole page. */
const withDispatches = async (db: Db, rows: MessageRow[]): Promise<CourierMessage[]> => {
  if (rows.length === 0) return [];
  const dispatches = await db.query<DispatchRow>(
    `SELECT id, message_id, status, error, created_at FROM courier_message_dispatches
     WHERE message_id IN (${rows.map(() => '?').join(', ')}) ORDER BY created_at, id`,
    rows.map((row) => row.id),
  );
  const byMessage = Map.groupBy(dispatches, (d) => d.message_id);
  return rows.map((row) => toMessage(row, (byMessage.get(row.id) ?? []).map(toDispatch)));
};

const addDispatch = (tx: Db, messageId: string, status: CourierDispatch['status'], error: string | null, now: number) =>
  tx.execute('INSERT INTO courier_message_dispatches (id, message_id, status, error, created_at) VALUES (?, ?, ?, ?, ?)', [
    randomUUID(), messageId, status, error, now,
  ]);

export const sqlCourierStore = (db: Db): CourierStore => {
  const skipLocked = db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  // MATERIALIZED: PostgreSQL may otherwise run a LIMIT subquery inside IN more than once and claim
  // more rows than asked for.
  const claimSql =
    `WITH picked AS MATERIALIZED (SELECT id FROM courier_messages WHERE ${CLAIMABLE} ORDER BY due_at, id LIMIT ?${skipLocked})
     UPDATE courier_messages SET status = 'processing', due_at = ?, updated_at = ?
     WHERE id IN (SELECT id FROM picked) AND ${CLAIMABLE}
     RETURNING ${COLUMNS}`;

  return {
    async enqueue(m) {
      const createdAt = Date.parse(m.created_at);
      await db.execute(
        `INSERT INTO courier_messages (${COLUMNS}, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [m.id, m.status, m.type, m.recipient, m.subject, m.body, m.template_type, m.send_count, createdAt, Date.parse(m.updated_at), createdAt],
      );
    },

    async claim(limit, now, leaseMs) {
      const rows = await db.query<MessageRow>(claimSql, [now, limit, now + leaseMs, now, now]);
      rows.sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
      return withDispatches(db, rows);
    },

    markSent: (id, now) =>
      db.transaction(async (tx) => {
        const changed = await tx.execute(
          `UPDATE courier_messages SET status = 'sent', send_count = send_count + 1, updated_at = ?
           WHERE id = ? AND status = 'processing'`,
          [now, id],
        );
        if (changed === 0) return false;
        await addDispatch(tx, id, 'success', null, now);
        return true;
      }),

    markFailed: (id, { error, now, retryAt, maxSends }) =>
      db.transaction(async (tx) => {
        // SET expressions read the row as it was: send_count + 1 is the count after this failure.
        const rows = await tx.query<{ status: CourierMessageStatus }>(
          `UPDATE courier_messages
           SET status = CASE WHEN send_count + 1 >= ? THEN 'abandoned' ELSE 'queued' END,
               send_count = send_count + 1, due_at = ?, updated_at = ?
           WHERE id = ? AND status = 'processing' RETURNING status`,
          [maxSends, retryAt, now, id],
        );
        if (rows[0] === undefined) return undefined;
        await addDispatch(tx, id, 'failed', error, now);
        return rows[0].status;
      }),

    async list({ limit, status, recipient, after }) {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (status !== undefined) {
        where.push('status = ?');
        params.push(status);
      }
      if (recipient !== undefined) {
        where.push('recipient = ?');
        params.push(recipient);
      }
      if (after !== undefined) {
        where.push('(created_at < ? OR (created_at = ? AND id < ?))');
        params.push(after.createdAt, after.createdAt, after.id);
      }
      const rows = await db.query<MessageRow>(
        `SELECT ${COLUMNS} FROM courier_messages ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, id DESC LIMIT ?`,
        [...params, limit + 1],
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const next = rows.length > limit && last !== undefined ? { createdAt: last.created_at, id: last.id } : undefined;
      return { messages: await withDispatches(db, page), ...(next === undefined ? {} : { next }) };
    },

    async get(id) {
      const rows = await db.query<MessageRow>(`SELECT ${COLUMNS} FROM courier_messages WHERE id = ?`, [id]);
      return (await withDispatches(db, rows))[0];
    },
  };
};
