import type { Consumed, RefreshTokenRecord, TokenStore } from '@olympus/oauth2';
import type { Db } from '../db/types.ts';
import { grantColumns, REVOKED_AT_ON_INSERT } from './grant-columns.ts';

interface RefreshRow {
  data: RefreshTokenRecord;
  used_at: number | null;
  revoked_at: number | null;
}

const fromRow = (row: RefreshRow): RefreshTokenRecord => ({ ...row.data, usedAt: row.used_at, revokedAt: row.revoked_at });

type RefreshTokenStore = Pick<
  TokenStore, 'createRefreshToken' | 'getRefreshToken' | 'consumeRefreshToken' | 'isRefreshTokenRevoked' | 'revokeRefreshToken'
>;

const INSERT = `INSERT INTO oauth2_refresh_tokens
  (signature, grant_id, flow_id, client_id, access_token_signature, expires_at, used_at, revoked_at, data)
  VALUES (?, ?, ?, ?, ?, ?, ?, ${REVOKED_AT_ON_INSERT}, ?)`;

const SELECT = 'SELECT data, used_at, revoked_at FROM oauth2_refresh_tokens WHERE signature = ?';

/** One integer column: the re-check runs on every refresh and needs neither the data column nor its decode. */
const SELECT_REVOKED = 'SELECT revoked_at FROM oauth2_refresh_tokens WHERE signature = ?';

const CONSUME = `UPDATE oauth2_refresh_tokens SET used_at = ? WHERE signature = ? AND used_at IS NULL AND revoked_at IS NULL
  RETURNING data, used_at, revoked_at, access_token_signature`;

const REVOKE_ACCESS = 'UPDATE oauth2_access_tokens SET revoked_at = ? WHERE signature = ? AND revoked_at IS NULL';

/** PostgreSQL runs both UPDATEs of a data-modifying CTE in one statement, atomically: one round trip. */
const CONSUME_AND_REVOKE = `WITH won AS (${CONSUME}),
  revoked AS (UPDATE oauth2_access_tokens SET revoked_at = ? WHERE signature IN (SELECT access_token_signature FROM won) AND revoked_at IS NULL)
  SELECT data, used_at, revoked_at FROM won`;

/**
 * Marks the token used if no one did before, and revokes the access token issued with it: a commit
 * (SQLite, which has no data-modifying CTE: one transaction) or a round trip (PostgreSQL) for both.
 */
const consumeFirst = async (db: Db, signature: string, now: number): Promise<RefreshRow | undefined> => {
  if (db.dialect === 'postgres') return (await db.query<RefreshRow>(CONSUME_AND_REVOKE, [now, signature, now]))[0];
  return db.transaction(async (tx) => {
    const won = (await tx.query<RefreshRow & { access_token_signature: string }>(CONSUME, [now, signature]))[0];
    if (won !== undefined) await tx.execute(REVOKE_ACCESS, [now, won.access_token_signature]);
    return won;
  });
};

export const sqlRefreshTokenStore = (db: Db): RefreshTokenStore => ({
  async createRefreshToken(token) {
    await db.insertGrouped(INSERT, [
      token.signature, ...grantColumns(token.session), token.accessTokenSignature, token.expiresAt, token.usedAt,
      token.revokedAt, token.session.grantId, token,
    ]);
  },

  async getRefreshToken(signature) {
    const rows = await db.query<RefreshRow>(SELECT, [signature]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  },

  /**
   * Rotation (RFC 9700 §4.14.2): one conditional UPDATE picks the single winner, and the winner's
   * access token is revoked with it (consumeFirst). A loser is consumed again only inside the grace
   * window after the first use; a revoked token never is.
   */
  async consumeRefreshToken(signature, now, graceMs): Promise<Consumed<RefreshTokenRecord>> {
    const won = await consumeFirst(db, signature, now);
    if (won !== undefined) return { status: 'consumed', record: fromRow(won) };
    const row = (await db.query<RefreshRow>(SELECT, [signature]))[0];
    if (row === undefined) return { status: 'not_found' };
    const record = fromRow(row);
    // graceMs 0 disables the window, even when another node's clock put used_at after `now`.
    const inGrace = graceMs > 0 && row.revoked_at === null && row.used_at !== null && now - row.used_at < graceMs;
    return { status: inGrace ? 'consumed' : 'already_used', record };
  },

  async isRefreshTokenRevoked(signature) {
    const rows = await db.query<{ revoked_at: number | null }>(SELECT_REVOKED, [signature]);
    return rows[0] !== undefined && rows[0].revoked_at !== null;
  },

  /** Revokes the token and the access token issued with it (RFC 7009 §2.1). */
  async revokeRefreshToken(signature, now) {
    const rows = await db.query<{ access_token_signature: string }>(
      'UPDATE oauth2_refresh_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE signature = ? RETURNING access_token_signature',
      [now, signature],
    );
    if (rows[0] === undefined) return;
    await db.execute(REVOKE_ACCESS, [now, rows[0].access_token_signature]);
  },
});
