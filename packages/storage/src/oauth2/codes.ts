import type { AuthorizationCodeRecord, Consumed, TokenStore } from '@olympus/oauth2';
import type { Db } from '../db/types.ts';
import { grantColumns } from './grant-columns.ts';

interface CodeRow {
  data: AuthorizationCodeRecord;
  used_at: number | null;
}

const fromRow = (row: CodeRow): AuthorizationCodeRecord => ({ ...row.data, usedAt: row.used_at });

type CodeStore = Pick<TokenStore, 'createAuthorizationCode' | 'consumeAuthorizationCode'>;

export const sqlCodeStore = (db: Db): CodeStore => ({
  async createAuthorizationCode(code) {
    await db.insertGrouped(
      `INSERT INTO oauth2_authorization_codes (signature, grant_id, flow_id, client_id, expires_at, used_at, data)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [code.signature, ...grantColumns(code.session), code.expiresAt, code.usedAt, code],
    );
  },

  /**
   * One conditional UPDATE decides the winner, atomically across requests and processes
   * (RFC 6749 §4.1.2: a code is used once). Only a loser reads the row again, to tell a replay
   * (which must revoke the grant, §4.1.2) from an unknown code.
   */
  async consumeAuthorizationCode(signature, now): Promise<Consumed<AuthorizationCodeRecord>> {
    const won = await db.query<CodeRow>(
      'UPDATE oauth2_authorization_codes SET used_at = ? WHERE signature = ? AND used_at IS NULL RETURNING data, used_at',
      [now, signature],
    );
    if (won[0] !== undefined) return { status: 'consumed', record: fromRow(won[0]) };
    const rows = await db.query<CodeRow>('SELECT data, used_at FROM oauth2_authorization_codes WHERE signature = ?', [signature]);
    return rows[0] === undefined ? { status: 'not_found' } : { status: 'already_used', record: fromRow(rows[0]) };
  },
});
