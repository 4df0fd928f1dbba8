/**
 * Login attempts reserved on their subject's counter (migration 0013; docs/operations/protection.md).
 * `hits` holds confirmed failures only, `in_flight` the attempts being verified. A reservation is
 * granted only while failures + live reservations stay below the limit, in one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` (SQLite's write lock, PostgreSQL's row lock), so on any
 * number of nodes at most `limit` attempts are verified before the failures alone reach the limit
 * (docs/security.md ID-7). All SET expressions read the row as it was before the update.
 */
import type { AttemptOutcome, AttemptReservation, CounterHit, CounterState, CredentialLookup, Identity, Reserved, ReservationState } from '@olympus/identity';
import type { Db, SqlValue } from '../db/types.ts';
import { FIND_BY_CREDENTIAL } from './identities.ts';

const TABLE = 'identity_protection_counters';

/** Every row of the VALUES carries the statement's `now` as its in_flight_since. */
const NOW = 'excluded.in_flight_since';
const LIVE_HITS = `(CASE WHEN c.expires_at <= ${NOW} THEN 0 ELSE c.hits END)`;
const LIVE_IN_FLIGHT = `(CASE WHEN c.in_flight_expires_at <= ${NOW} THEN 0 ELSE c.in_flight END)`;
/** A row with in_flight 1 in the VALUES asks for a reservation; 0 only reads the counter. */
const GRANT = `(excluded.in_flight = 1 AND ${LIVE_HITS} + ${LIVE_IN_FLIGHT} < excluded.hit_limit)`;

/** Each statement's text built once per row count (a login's has 2 rows): not again per attempt. */
const byRows = (build: (rows: number) => string): ((rows: number) => string) => {
  const built = new Map<number, string>();
  return (rows) => {
    let sql = built.get(rows);
    if (sql === undefined) built.set(rows, (sql = build(rows)));
    return sql;
  };
};

const reserveSql = byRows((rows) =>
  `INSERT INTO ${TABLE} AS c (counter_key, hits, hit_limit, expires_at, in_flight, in_flight_since, in_flight_expires_at, last_grant)
   VALUES ${Array(rows).fill('(?, 0, ?, ?, ?, ?, ?, ?)').join(', ')}
   ON CONFLICT (counter_key) DO UPDATE SET
     hits = ${LIVE_HITS},
     hit_limit = excluded.hit_limit,
     expires_at = CASE WHEN c.expires_at <= ${NOW} THEN excluded.expires_at ELSE c.expires_at END,
     in_flight = CASE WHEN ${GRANT} THEN ${LIVE_IN_FLIGHT} + 1 ELSE c.in_flight END,
     in_flight_since = CASE WHEN ${GRANT} AND c.in_flight_expires_at <= ${NOW} THEN ${NOW} ELSE c.in_flight_since END,
     in_flight_expires_at = CASE WHEN ${GRANT} THEN excluded.in_flight_expires_at ELSE c.in_flight_expires_at END,
     last_grant = CASE WHEN ${GRANT} THEN excluded.last_grant ELSE c.last_grant END
   RETURNING counter_key, hits, hit_limit, in_flight, in_flight_since, last_grant, expires_at`);

/**
 * PostgreSQL: the reservation with the strategy's identity lookup in one statement. The lookup is a
 * CASE branch, evaluated only on the attempt's own row when it was granted (its token is the last
 * grant) and no read counter is at its limit — an attempt refused or locked out reads no identity.
 */
const reserveLookingUpSql = byRows((rows) =>
  `WITH r AS (${reserveSql(rows)})
   SELECT r.*, CASE WHEN r.counter_key = ? AND r.last_grant = ? AND NOT EXISTS (SELECT 1 FROM r AS o WHERE o.counter_key <> r.counter_key AND o.hits >= o.hit_limit)
     THEN (${FIND_BY_CREDENTIAL}) END AS identity
   FROM r`);

/**
 * Gives one reservation back, unless its generation was forgotten (then a newer one must not shrink).
 * A generation is named by the `now` that started it, as the database stored it, so clocks that
 * differ between nodes cannot mix generations up.
 */
const UNRESERVE = `in_flight = CASE WHEN c.in_flight_since = ? AND c.in_flight > 0 THEN c.in_flight - 1 ELSE c.in_flight END`;

/** A failure: counted like a sliding `hit` (hits never beyond limit + 1; the lockout is not prolonged). */
const failureSql = `INSERT INTO ${TABLE} AS c (counter_key, hits, hit_limit, expires_at) VALUES (?, 1, ?, ?)
   ON CONFLICT (counter_key) DO UPDATE SET
     ${UNRESERVE},
     hits = CASE WHEN c.expires_at <= ? THEN 1 WHEN c.hits <= excluded.hit_limit THEN c.hits + 1 ELSE c.hits END,
     hit_limit = excluded.hit_limit,
     expires_at = CASE WHEN c.expires_at <= ? OR c.hits < excluded.hit_limit THEN excluded.expires_at ELSE c.expires_at END
   RETURNING hits`;

interface ReservedRow {
  counter_key: string;
  hits: number;
  hit_limit: number;
  in_flight: number;
  in_flight_since: number;
  last_grant: string | null;
  expires_at: number;
  /** Only from reserveLookingUpSql. */
  identity?: Identity | null;
}

/** The identity of an admitted attempt: read by the statement on PostgreSQL, after it on SQLite (no round trip). */
const lookUp = async (db: Db, own: ReservedRow, lookup: CredentialLookup) => {
  if (db.dialect === 'postgres') return { identity: own.identity ?? undefined };
  const found = await db.query<{ data: Identity }>(FIND_BY_CREDENTIAL, [lookup.type, lookup.identifier]);
  return { identity: found[0]?.data };
};

export const reserveAttempt = async (db: Db, attempt: AttemptReservation, reads: readonly CounterHit[], now: number, lookup?: CredentialLookup): Promise<Reserved> => {
  const row = (key: string, limit: number, windowMs: number, asks: boolean): SqlValue[] =>
    [key, limit, now + windowMs, asks ? 1 : 0, now, asks ? now + attempt.holdMs : 0, asks ? attempt.token : null];
  const params = [row(attempt.key, attempt.limit, attempt.windowMs, true), ...reads.map((r) => row(r.key, r.limit, r.windowMs, false))].flat();
  const inOne = lookup !== undefined && db.dialect === 'postgres';
  const rows = inOne
    ? await db.query<ReservedRow>(reserveLookingUpSql(1 + reads.length), [...params, attempt.key, attempt.token, lookup.type, lookup.identifier])
    : await db.query<ReservedRow>(reserveSql(1 + reads.length), params);
  const own = rows.find((r) => r.counter_key === attempt.key);
  const reservation: ReservationState = {
    granted: own?.last_grant === attempt.token,
    failures: Number(own?.hits ?? 0),
    inFlight: Number(own?.in_flight ?? 0),
    generation: Number(own?.in_flight_since ?? 0),
  };
  const readStates: CounterState[] = rows.filter((r) => r !== own).map((r) => ({ key: r.counter_key, hits: Number(r.hits), expiresAt: Number(r.expires_at) }));
  // Admitted: granted, and no read counter at its limit (the same test as reserveLookingUpSql's CASE).
  const admitted = own !== undefined && reservation.granted && rows.every((r) => r === own || Number(r.hits) < Number(r.hit_limit));
  const lookedUp = lookup && admitted ? await lookUp(db, own, lookup) : undefined;
  return { reservation, reads: readStates, ...(lookedUp ? { lookedUp } : {}) };
};

/** A success clears the failures (not the other attempts' reservations: they end on their own). */
export const SETTLE_SUCCESS = `UPDATE ${TABLE} AS c SET ${UNRESERVE}, hits = 0 WHERE c.counter_key = ?`;
export const settleSuccessParams = (attempt: AttemptReservation, generation: number): SqlValue[] => [generation, attempt.key];

export const settleAttempt = async (db: Db, attempt: AttemptReservation, generation: number, outcome: AttemptOutcome, now: number): Promise<number> => {
  if (outcome === 'failure') {
    const rows = await db.query<{ hits: number }>(failureSql, [attempt.key, attempt.limit, now + attempt.windowMs, generation, now, now]);
    return Number(rows[0]?.hits ?? 0);
  }
  if (outcome === 'success') await db.execute(SETTLE_SUCCESS, settleSuccessParams(attempt, generation));
  else await db.execute(`UPDATE ${TABLE} AS c SET ${UNRESERVE} WHERE c.counter_key = ?`, [generation, attempt.key]);
  return 0;
};
