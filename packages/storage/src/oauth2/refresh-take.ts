import type { RefreshTokenRecord, TokenStore } from '@olympus/oauth2';
import type { Db, Dialect } from '../db/types.ts';

interface TakenRow {
  data: RefreshTokenRecord;
  used_at: number | null;
  revoked_at: number | null;
}

/** The record's `offline` flag inside the JSON `data` column (JSON_TEXT on SQLite, JSON on PostgreSQL). */
const OFFLINE: Record<Dialect, string> = {
  sqlite: "json_extract(data, '$.offline') = 1",
  postgres: "(data->>'offline')::boolean",
};

/**
 * Every check the refresh grant makes before consuming, when it needs no more than this row: the
 * same client, never used, not revoked, not expired, offline (refresh-token.ts in @olympus/oauth2).
 * Binds: used_at (now), signature, client id, now.
 */
const consumeIfUsable = (dialect: Dialect): string => `UPDATE oauth2_refresh_tokens SET used_at = ?
  WHERE signature = ? AND used_at IS NULL AND revoked_at IS NULL AND client_id = ?
    AND (expires_at IS NULL OR expires_at > ?) AND ${OFFLINE[dialect]}`;

const REVOKE_ACCESS = 'UPDATE oauth2_access_tokens SET revoked_at = ? WHERE signature = ? AND revoked_at IS NULL';

const SELECT = 'SELECT data, used_at, revoked_at FROM oauth2_refresh_tokens WHERE signature = ?';

/**
 * PostgreSQL: one statement, one round trip. The outer SELECT sees the snapshot the statement
 * started with, so it returns the row as it was before the data-modifying CTEs ran.
 */
const TAKE_POSTGRES = `WITH won AS (${consumeIfUsable('postgres')} RETURNING access_token_signature),
  revoked AS (UPDATE oauth2_access_tokens SET revoked_at = ? WHERE signature IN (SELECT access_token_signature FROM won) AND revoked_at IS NULL)
  SELECT data, used_at, revoked_at, EXISTS (SELECT 1 FROM won) AS consumed FROM oauth2_refresh_tokens WHERE signature = ?`;

const TAKE_SQLITE = `${consumeIfUsable('sqlite')} RETURNING data, revoked_at, access_token_signature`;

type Taken = Awaited<ReturnType<TokenStore['takeRefreshToken']>>;

const taken = (row: TakenRow, consumed: boolean): Taken => ({
  record: { ...row.data, usedAt: row.used_at, revokedAt: row.revoked_at },
  consumed,
});

const takePostgres = async (db: Db, signature: string, now: number, clientId: string): Promise<Taken> => {
  const rows = await db.query<TakenRow & { consumed: boolean }>(TAKE_POSTGRES, [now, signature, clientId, now, now, signature]);
  return rows[0] === undefined ? undefined : taken(rows[0], rows[0].consumed);
};

/**
 * SQLite (no data-modifying CTE): one transaction, whose write lock orders it against every other
 * consume and revocation. The row read when nothing matched is read inside it too: one commit.
 */
const takeSqlite = (db: Db, signature: string, now: number, clientId: string): Promise<Taken> =>
  db.transaction(async (tx) => {
    const won = (await tx.query<TakenRow & { access_token_signature: string }>(TAKE_SQLITE, [now, signature, clientId, now]))[0];
    if (won !== undefined) {
      await tx.execute(REVOKE_ACCESS, [now, won.access_token_signature]);
      // It matched only while unused: as it was before, used_at was NULL.
      return taken({ ...won, used_at: null }, true);
    }
    const row = (await tx.query<TakenRow>(SELECT, [signature]))[0];
    return row === undefined ? undefined : taken(row, false);
  });

/** TokenStore.takeRefreshToken: the refresh grant's find and consume in one commit or round trip. */
export const sqlRefreshTokenTake = (db: Db): Pick<TokenStore, 'takeRefreshToken'> => ({
  takeRefreshToken: (signature, now, clientId) =>
    db.dialect === 'postgres' ? takePostgres(db, signature, now, clientId) : takeSqlite(db, signature, now, clientId),
});
