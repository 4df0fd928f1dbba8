/**
 * One-time codes of the recovery and verification flows (migration 0006). Using a code and counting
 * a submission are single statements, so the database settles races: a code is used by exactly one
 * of two parallel submissions, and every parallel guess raises the flow's count.
 */
import type { CodeFlowKind, OneTimeCode, OneTimeCodeStore } from '@olympus/identity';
import type { Db } from '../db/types.ts';

interface CodeRow {
  id: string;
  flow_id: string;
  kind: CodeFlowKind;
  identity_id: string;
  address: string;
  code_hash: string;
  expires_at: number;
  created_at: number;
  used_at: number | null;
}

const COLUMNS = 'id, flow_id, kind, identity_id, address, code_hash, expires_at, created_at, used_at';

const fromRow = (row: CodeRow): OneTimeCode => ({
  id: row.id, flowId: row.flow_id, kind: row.kind, identityId: row.identity_id, address: row.address,
  codeHash: row.code_hash, expiresAt: Number(row.expires_at), createdAt: Number(row.created_at),
  usedAt: row.used_at === null ? null : Number(row.used_at),
});

export const sqlOneTimeCodeStore = (db: Db): OneTimeCodeStore => ({
  async createCode(code) {
    await db.execute(`INSERT INTO identity_codes (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      code.id, code.flowId, code.kind, code.identityId, code.address, code.codeHash, code.expiresAt, code.createdAt, code.usedAt,
    ]);
  },

  async liveCodesOfFlow(flowId, now) {
    const rows = await db.query<CodeRow>(
      `SELECT ${COLUMNS} FROM identity_codes WHERE flow_id = ? AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id`,
      [flowId, now],
    );
    return rows.map(fromRow);
  },

  async useCode(id, now) {
    return (await db.execute('UPDATE identity_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?', [now, id, now])) === 1;
  },

  revokeCodesOfFlow(flowId, now) {
    return db.execute('UPDATE identity_codes SET used_at = ? WHERE flow_id = ? AND used_at IS NULL', [now, flowId]);
  },

  async countSubmission(flowId, now) {
    const rows = await db.query<{ count: number }>(
      `INSERT INTO identity_code_submissions (flow_id, count, updated_at) VALUES (?, 1, ?)
       ON CONFLICT (flow_id) DO UPDATE SET count = identity_code_submissions.count + 1, updated_at = excluded.updated_at
       RETURNING count`,
      [flowId, now],
    );
    return Number(rows[0]!.count);
  },
});
