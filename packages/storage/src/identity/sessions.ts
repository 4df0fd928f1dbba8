import type { Session, SessionStore, SucceededAttempt } from '@olympus/identity';
import type { Db, SqlValue } from '../db/types.ts';
import { UPDATE_FLOW, updateFlowParams } from './flows.ts';
import { SETTLE_SUCCESS, settleSuccessParams } from './protection-reservations.ts';

interface SessionRow {
  data: Session;
  active: boolean;
}

/** The column is authoritative: a revocation shows even if `data` was written from an older copy. */
const fromRow = (row: SessionRow): Session => ({ ...row.data, active: row.active });

const epoch = (iso: string): number => Date.parse(iso);

const SELECT = 'SELECT data, active FROM identity_sessions';

const INSERT = `INSERT INTO identity_sessions (id, token_hash, identity_id, active, issued_at, expires_at, data)
       VALUES (?, ?, ?, ?, ?, ?, ?)`;
/**
 * PostgreSQL: the insert (and the attempt's settlement) as data-modifying CTEs of the flow update,
 * one statement and one round trip; all or nothing, so a failed statement leaves the attempt unsettled.
 */
const INSERT_COMPLETING_FLOW = `WITH created AS (${INSERT}) ${UPDATE_FLOW}`;
const INSERT_COMPLETING_FLOW_SETTLING = `WITH settled AS (${SETTLE_SUCCESS}), created AS (${INSERT}) ${UPDATE_FLOW}`;

const insertParams = (session: Session, tokenHash: string): SqlValue[] =>
  [session.id, tokenHash, session.identity_id, session.active, epoch(session.issued_at), epoch(session.expires_at), session];

/**
 * Identity sessions (migration 0004). Lookups go by the keyed hash of the token, never the token;
 * a session once deactivated is never reactivated by a later write.
 */
export const sqlSessionStore = (db: Db): SessionStore => ({
  async createSession(session, tokenHash) {
    await db.execute(INSERT, insertParams(session, tokenHash));
  },

  /**
   * SQLite runs the statements one after the other: in-process, a transaction around them
   * measured no cheaper than autocommits (the WAL pages written are the same), and a failed
   * insert still leaves the flow as it was. The settlement comes last, so a throw always means
   * the attempt was not settled (the login guard then settles it: never twice).
   */
  async createSessionCompletingFlow(session, tokenHash, flow, succeeded?: SucceededAttempt) {
    if (db.dialect === 'postgres') {
      const settling = succeeded ? settleSuccessParams(succeeded.attempt, succeeded.generation) : [];
      const sql = succeeded ? INSERT_COMPLETING_FLOW_SETTLING : INSERT_COMPLETING_FLOW;
      await db.execute(sql, [...settling, ...insertParams(session, tokenHash), ...updateFlowParams(flow)]);
      return;
    }
    await db.execute(INSERT, insertParams(session, tokenHash));
    await db.execute(UPDATE_FLOW, updateFlowParams(flow));
    if (succeeded) await db.execute(SETTLE_SUCCESS, settleSuccessParams(succeeded.attempt, succeeded.generation));
  },

  async getSessionByTokenHash(tokenHash) {
    const rows = await db.query<SessionRow>(`${SELECT} WHERE token_hash = ?`, [tokenHash]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  },

  async getSession(id) {
    const rows = await db.query<SessionRow>(`${SELECT} WHERE id = ?`, [id]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  },

  async updateSession(session) {
    const deactivate = session.active ? '' : ', active = FALSE';
    await db.execute(`UPDATE identity_sessions SET expires_at = ?, data = ?${deactivate} WHERE id = ?`, [
      epoch(session.expires_at), session, session.id,
    ]);
  },

  async listSessionsOfIdentity(identityId, { activeOnly, limit }) {
    const filter = activeOnly ? ' AND active = TRUE' : '';
    const rows = await db.query<SessionRow>(
      `${SELECT} WHERE identity_id = ?${filter} ORDER BY issued_at DESC, id DESC LIMIT ?`,
      [identityId, limit],
    );
    return rows.map(fromRow);
  },

  async listSessions({ limit, active, after }) {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (active !== undefined) where.push(active ? 'active = TRUE' : 'active = FALSE');
    if (after !== undefined) {
      where.push('(issued_at > ? OR (issued_at = ? AND id > ?))');
      params.push(after.issuedAt, after.issuedAt, after.id);
    }
    const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    const rows = await db.query<SessionRow>(`${SELECT}${clause} ORDER BY issued_at, id LIMIT ?`, [...params, limit]);
    return rows.map(fromRow);
  },

  /** Matches an already inactive session too: "known" is what the caller asks. */
  async revokeSession(id) {
    return (await db.execute('UPDATE identity_sessions SET active = FALSE WHERE id = ?', [id])) === 1;
  },

  async revokeSessionsOfIdentity(identityId, exceptId) {
    return db.execute(
      'UPDATE identity_sessions SET active = FALSE WHERE identity_id = ? AND active = TRUE AND id <> ?',
      [identityId, exceptId ?? ''],
    );
  },

  /** On the expiry and issued_at indexes of migration 0004. */
  async countSessions({ liveAt, issuedSince }) {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (liveAt !== undefined) {
      where.push('active = TRUE AND expires_at > ?');
      params.push(liveAt);
    }
    if (issuedSince !== undefined) {
      where.push('issued_at >= ?');
      params.push(issuedSince);
    }
    const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    const rows = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM identity_sessions${clause}`, params);
    return Number(rows[0]?.n ?? 0);
  },
});
