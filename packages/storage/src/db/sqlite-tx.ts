import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqliteConnection } from './sqlite.ts';
import type { Db, SqlParams } from './types.ts';

/** How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** Which transaction (its busy promise) the current async call chain runs in, to report misuse. */
export const insideTransaction = new AsyncLocalStorage<Promise<void>>();

/** The view of a connection inside a transaction: no waiting, nested transactions are savepoints. */
class SqliteTx implements Db {
  readonly dialect = 'sqlite' as const;
  readonly #conn: SqliteConnection;
  readonly #depth: number;

  constructor(conn: SqliteConnection, depth: number) {
    this.#conn = conn;
    this.#depth = depth;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.#conn.all<T>(sql, params);
  }

  async execute(sql: string, params?: SqlParams): Promise<number> {
    return this.#conn.run(sql, params);
  }

  /** Inside a transaction the row simply joins it. */
  async insertGrouped(sql: string, params: SqlParams): Promise<void> {
    this.#conn.run(sql, params);
  }

  async exec(script: string): Promise<void> {
    this.#conn.raw.exec(script);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const sp = `sp_${this.#depth}`;
    return runInTransaction(this.#conn, `SAVEPOINT ${sp}`, `RELEASE ${sp}`, `ROLLBACK TO ${sp}; RELEASE ${sp}`, fn, this.#depth + 1);
  }

  async close(): Promise<void> {
    throw new Error('close() is not available inside a transaction');
  }
}

const isBusy = (error: unknown): boolean => ((error as { errcode?: number }).errcode ?? 0) % 256 === 5;

/**
 * Takes the write lock, waiting asynchronously while another connection holds it: busy_timeout
 * would block the event loop, and with it the very transaction that holds the lock when both
 * connections live in this process.
 */
export const beginImmediate = async (conn: SqliteConnection): Promise<void> => {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  conn.raw.exec('PRAGMA busy_timeout = 0');
  try {
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      try {
        conn.raw.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  } finally {
    conn.raw.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
};

export const runInTransaction = async <T>(
  conn: SqliteConnection, begin: string | undefined, commit: string, rollback: string, fn: (tx: Db) => Promise<T>, depth: number,
): Promise<T> => {
  if (begin !== undefined) conn.raw.exec(begin);
  let result: T;
  try {
    result = await fn(new SqliteTx(conn, depth));
  } catch (error) {
    if (conn.raw.isTransaction) conn.raw.exec(rollback);
    throw error;
  }
  try {
    conn.raw.exec(commit);
  } catch (error) {
    if (conn.raw.isTransaction) conn.raw.exec(rollback);
    throw error;
  }
  return result;
};
