/**
 * Protection counters (migrations 0007, 0013; login reservations in protection-reservations.ts). A hit is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`
 * for all its keys: the row is created, restarted, incremented or left alone atomically, under
 * SQLite's write lock or PostgreSQL's row lock, so concurrent attempts on one or many nodes each see
 * a distinct count and none is lost (docs/security.md ID-7). The SET expressions all read
 * the row as it was before the update (SQL semantics on both databases).
 */
import type { CounterHit, CounterState, CounterWindow, ProtectionStore } from '@olympus/identity';
import type { Db, SqlValue } from '../db/types.ts';
import { reserveAttempt, settleAttempt } from './protection-reservations.ts';

const TABLE = 'identity_protection_counters';

/** Sliding: a counted hit below the limit moves the expiry; fixed: only a restart sets it. */
const EXPIRY: Record<CounterWindow, string> = {
  sliding: 'CASE WHEN c.expires_at <= ? THEN excluded.expires_at '
    + 'WHEN excluded.hits > 0 AND c.hits < excluded.hit_limit THEN excluded.expires_at ELSE c.expires_at END',
  fixed: 'CASE WHEN c.expires_at <= ? THEN excluded.expires_at ELSE c.expires_at END',
};

const hitSql = (rows: number, window: CounterWindow): string =>
  `INSERT INTO ${TABLE} AS c (counter_key, hits, hit_limit, expires_at) VALUES ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}
   ON CONFLICT (counter_key) DO UPDATE SET
     hits = CASE WHEN c.expires_at <= ? THEN excluded.hits WHEN c.hits <= excluded.hit_limit THEN c.hits + excluded.hits ELSE c.hits END,
     hit_limit = excluded.hit_limit,
     expires_at = ${EXPIRY[window]}
   RETURNING counter_key, hits, expires_at`;

interface CounterRow {
  counter_key: string;
  hits: number;
  expires_at: number;
}

export const sqlProtectionStore = (db: Db): ProtectionStore => ({
  async hit(hits: readonly CounterHit[], now: number, window: CounterWindow): Promise<CounterState[]> {
    if (hits.length === 0) return [];
    const params: SqlValue[] = hits.flatMap((h) => [h.key, h.add, h.limit, now + h.windowMs]);
    const rows = await db.query<CounterRow>(hitSql(hits.length, window), [...params, now, now]);
    return rows.map((row) => ({ key: row.counter_key, hits: Number(row.hits), expiresAt: Number(row.expires_at) }));
  },

  reserve: (attempt, reads, now, lookup) => reserveAttempt(db, attempt, reads, now, lookup),

  settle: (attempt, generation, outcome, now) => settleAttempt(db, attempt, generation, outcome, now),

  async release(key) {
    await db.execute(`UPDATE ${TABLE} SET hits = hits - 1 WHERE counter_key = ? AND hits > 0`, [key]);
  },

  async reset(key) {
    await db.execute(`DELETE FROM ${TABLE} WHERE counter_key = ?`, [key]);
  },

  async deleteExpired(now, limit) {
    return db.execute(
      `DELETE FROM ${TABLE} WHERE counter_key IN (SELECT counter_key FROM ${TABLE} WHERE expires_at <= ? AND in_flight_expires_at <= ? LIMIT ?)`,
      [now, now, limit],
    );
  },
});
