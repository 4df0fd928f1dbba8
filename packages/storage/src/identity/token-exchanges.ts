/**
 * Native apps' session-token exchanges (migration 0012; packages/identity/src/flows/token-exchange/store.ts).
 * Redeeming is one UPDATE … RETURNING, so the database settles a race: exactly one of two parallel
 * redemptions of a pair gets the session.
 */
import type { SessionTokenExchange, SessionTokenExchangeStore } from '@olympus/identity';
import type { Db } from '../db/types.ts';

interface ExchangeRow {
  id: string;
  flow_id: string;
  init_code_hash: string;
  return_to_code_hash: string | null;
  session_id: string | null;
  sealed_token: string | null;
  expires_at: number;
  created_at: number;
  used_at: number | null;
}

const COLUMNS = 'id, flow_id, init_code_hash, return_to_code_hash, session_id, sealed_token, expires_at, created_at, used_at';

const fromRow = (row: ExchangeRow): SessionTokenExchange => ({
  id: row.id, flowId: row.flow_id, initCodeHash: row.init_code_hash, returnToCodeHash: row.return_to_code_hash,
  sessionId: row.session_id, sealedToken: row.sealed_token, expiresAt: Number(row.expires_at), createdAt: Number(row.created_at),
  usedAt: row.used_at === null ? null : Number(row.used_at),
});

/** Rows an hour past expiry answer nothing (a used or expired pair is refused either way); a few go with each new one. */
const PRUNE_AFTER_MS = 3_600_000;
const PRUNE_BATCH = 100;

export const sqlSessionTokenExchangeStore = (db: Db): SessionTokenExchangeStore => ({
  async createExchange(e) {
    await db.execute(
      `DELETE FROM session_token_exchanges WHERE id IN (SELECT id FROM session_token_exchanges WHERE expires_at < ? ORDER BY expires_at LIMIT ${PRUNE_BATCH})`,
      [e.createdAt - PRUNE_AFTER_MS],
    );
    await db.execute(`INSERT INTO session_token_exchanges (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      e.id, e.flowId, e.initCodeHash, e.returnToCodeHash, e.sessionId, e.sealedToken, e.expiresAt, e.createdAt, e.usedAt,
    ]);
  },

  async exchangeOfFlow(flowId) {
    const rows = await db.query<ExchangeRow>(`SELECT ${COLUMNS} FROM session_token_exchanges WHERE flow_id = ?`, [flowId]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  },

  async completeExchange(flowId, c) {
    const changed = await db.execute(
      `UPDATE session_token_exchanges SET return_to_code_hash = ?, session_id = ?, sealed_token = ?, expires_at = ?
       WHERE flow_id = ? AND session_id IS NULL AND used_at IS NULL`,
      [c.returnToCodeHash, c.sessionId, c.sealedToken, c.expiresAt, flowId],
    );
    return changed === 1;
  },

  async redeemExchange(initCodeHash, returnToCodeHash, now) {
    const rows = await db.query<ExchangeRow>(
      `UPDATE session_token_exchanges SET used_at = ?
       WHERE init_code_hash = ? AND return_to_code_hash = ? AND session_id IS NOT NULL AND used_at IS NULL AND expires_at > ?
       RETURNING ${COLUMNS}`,
      [now, initCodeHash, returnToCodeHash, now],
    );
    if (rows[0] === undefined) return undefined;
    // The token leaves with this answer only; the row keeps no usable copy.
    await db.execute('UPDATE session_token_exchanges SET sealed_token = NULL WHERE id = ?', [rows[0].id]);
    return fromRow(rows[0]);
  },
});
