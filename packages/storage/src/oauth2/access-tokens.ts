import type { AccessTokenRecord, TokenStore } from '@olympus/oauth2';
import type { Db } from '../db/types.ts';
import { grantColumns, REVOKED_AT_ON_INSERT } from './grant-columns.ts';

interface AccessRow {
  data: AccessTokenRecord;
  revoked_at: number | null;
}

type AccessTokenStore = Pick<TokenStore, 'createAccessToken' | 'getAccessToken' | 'revokeAccessToken' | 'revokeAccessTokensOfClient'>;

const INSERT = `INSERT INTO oauth2_access_tokens (signature, grant_id, flow_id, client_id, expires_at, revoked_at, data)
  VALUES (?, ?, ?, ?, ?, ${REVOKED_AT_ON_INSERT}, ?)`;

export const sqlAccessTokenStore = (db: Db): AccessTokenStore => ({
  async createAccessToken(token) {
    await db.insertGrouped(INSERT, [
      token.signature, ...grantColumns(token.session), token.expiresAt, token.revokedAt, token.session.grantId, token,
    ]);
  },

  async getAccessToken(signature) {
    const rows = await db.query<AccessRow>('SELECT data, revoked_at FROM oauth2_access_tokens WHERE signature = ?', [signature]);
    return rows[0] === undefined ? undefined : { ...rows[0].data, revokedAt: rows[0].revoked_at };
  },

  async revokeAccessToken(signature, now) {
    await db.execute('UPDATE oauth2_access_tokens SET revoked_at = ? WHERE signature = ? AND revoked_at IS NULL', [now, signature]);
  },

  async revokeAccessTokensOfClient(clientId, now) {
    await db.execute('UPDATE oauth2_access_tokens SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL', [now, clientId]);
  },
});
