/**
 * The whole SQL surface Olympus needs: hand-written SQL with `?` placeholders that runs unchanged on
 * SQLite and PostgreSQL (docs/decisions/0001-storage-sql.md says why there is no query builder).
 *
 * Values round-trip identically on both dialects:
 * - booleans (BOOLEAN columns) come back as `true`/`false`;
 * - objects and arrays are bound as JSON text and JSON columns (`JSON` in PostgreSQL, `JSON_TEXT` in
 *   SQLite) come back parsed;
 * - epoch-millisecond integers (BIGINT) come back as JS numbers.
 */
export type Dialect = 'sqlite' | 'postgres';

/**
 * What a `?` placeholder accepts. `undefined` binds as NULL; a Uint8Array as a blob; any other
 * object or array as JSON text.
 */
export type SqlValue = string | number | bigint | boolean | null | undefined | object;

export type SqlParams = readonly SqlValue[];

export interface Db {
  readonly dialect: Dialect;
  /** Runs one statement and returns its rows (SELECT, or any statement with RETURNING). */
  query<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Runs one statement and returns the number of rows it changed. */
  execute(sql: string, params?: SqlParams): Promise<number>;
  /**
   * Runs a single-row `INSERT … VALUES (…)` together with the other such inserts that arrive in the
   * same event-loop turn: one commit for the group instead of one per row (group commit). Resolves
   * once the row is committed; a row that fails alone rejects alone. For hot-path writes (tokens).
   */
  insertGrouped(sql: string, params: SqlParams): Promise<void>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Inside, use only `tx` (a nested call opens a savepoint). SQLite starts with BEGIN IMMEDIATE,
   * so the write lock is taken up front and two processes never deadlock on a lock upgrade.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
