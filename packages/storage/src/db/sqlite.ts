import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { bindParams } from './params.ts';
import { rowDecoderFor, type RowDecoder } from './sqlite-rows.ts';
import { beginImmediate, BUSY_TIMEOUT_MS, insideTransaction, runInTransaction } from './sqlite-tx.ts';
import type { Db, SqlParams } from './types.ts';
import { GroupCommit } from './group-commit.ts';
import type { DbObserver } from './observer.ts';
import { WalCheckpoints, type CheckpointSizes } from './sqlite-checkpoint.ts';

interface Prepared {
  stmt: StatementSync;
  decode: RowDecoder | undefined;
}

export interface SqliteOptions {
  /** Opened read-only (`?mode=ro`): every write fails with SQLITE_READONLY. */
  readOnly?: boolean;
  /** `?synchronous=full`: a commit is on disk before it is acknowledged, surviving power loss. */
  synchronousFull?: boolean;
  /** When the checkpoint thread copies the WAL back (sqlite-checkpoint.ts); tests make them small. */
  checkpointSizes?: CheckpointSizes;
}

/** Enough for every static statement; dynamic IN lists beyond that are prepared per call. */
const MAX_CACHED_STATEMENTS = 2000;

/** One `node:sqlite` connection with its prepared statements, cached by SQL text (the hot path). */
export class SqliteConnection {
  readonly raw: DatabaseSync;
  readonly #statements = new Map<string, Prepared>();

  constructor(path: string, options: SqliteOptions = {}) {
    if (path !== ':memory:' && options.readOnly !== true) mkdirSync(dirname(path), { recursive: true });
    this.raw = new DatabaseSync(path, { readOnly: options.readOnly === true });
    // busy_timeout first: switching to WAL needs a lock another process may hold.
    this.raw.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.raw.exec('PRAGMA journal_mode = WAL');
    // In WAL mode NORMAL loses no commit when the process dies (kill -9), only on power loss or an OS
    // crash, where FULL does not (https://sqlite.org/pragma.html#pragma_synchronous; docs/operations/faults.md).
    this.raw.exec(`PRAGMA synchronous = ${options.synchronousFull === true ? 'FULL' : 'NORMAL'}`);
    this.raw.exec('PRAGMA foreign_keys = ON');
  }

  #prepare(sql: string): Prepared {
    let prepared = this.#statements.get(sql);
    if (prepared === undefined) {
      const stmt = this.raw.prepare(sql);
      prepared = { stmt, decode: rowDecoderFor(stmt) };
      if (this.#statements.size < MAX_CACHED_STATEMENTS) this.#statements.set(sql, prepared);
    }
    return prepared;
  }

  all<T>(sql: string, params: SqlParams | undefined): T[] {
    const { stmt, decode } = this.#prepare(sql);
    const rows = stmt.all(...(bindParams(params) as never[])) as Record<string, unknown>[];
    // node:sqlite rows have a null prototype; copies make them deep-equal to pg's rows.
    for (let i = 0; i < rows.length; i++) rows[i] = decode === undefined ? { ...rows[i] } : decode({ ...rows[i] });
    return rows as T[];
  }

  run(sql: string, params: SqlParams | undefined): number {
    return Number(this.#prepare(sql).stmt.run(...(bindParams(params) as never[])).changes);
  }

  close(): void {
    this.#statements.clear();
    this.raw.close();
  }
}

/**
 * The Db of one SQLite file. The connection is synchronous and shared, so while a transaction is
 * open, statements from other callers wait for it (`#busy`) instead of slipping into it.
 */
class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly #conn: SqliteConnection;
  #busy: Promise<void> | undefined;
  // One BEGIN IMMEDIATE … COMMIT for every token inserted in the same event-loop turn: the commit,
  // not the insert, is what costs on SQLite.
  readonly #group: GroupCommit;
  readonly #observer: DbObserver | undefined;
  /** A file opened for writing checkpoints on a worker thread; `:memory:` and `?mode=ro` have none. */
  readonly #checkpoints: WalCheckpoints | undefined;

  constructor(conn: SqliteConnection, observer?: DbObserver, checkpointed?: { path: string; options: SqliteOptions }) {
    this.#conn = conn;
    this.#observer = observer;
    if (checkpointed !== undefined) {
      const { path, options } = checkpointed;
      const data = { path, synchronousFull: options.synchronousFull === true, busyTimeoutMs: BUSY_TIMEOUT_MS };
      this.#checkpoints = new WalCheckpoints(conn.raw, data, (fn) => this.#claim(fn), options.checkpointSizes);
    }
    this.#group = new GroupCommit(
      (batch) => this.transaction(async (tx) => {
        for (const row of batch) await tx.execute(row.sql, row.params);
      }),
      (sql, params) => this.execute(sql, params),
      observer && ((rows) => observer.groupCommitted(rows)),
    );
    // One connection: in use while a transaction holds it; callers wait for it in #idle.
    observer?.watchPool(() => ({ max: 1, inUse: this.#busy === undefined ? 0 : 1, idle: this.#busy === undefined ? 1 : 0, waiting: 0 }));
  }

  insertGrouped(sql: string, params: SqlParams): Promise<void> {
    return this.#group.add(sql, params);
  }

  async #idle(): Promise<void> {
    if (this.#busy !== undefined && insideTransaction.getStore() === this.#busy) {
      // Waiting here would wait for the very transaction this call is part of: forever.
      throw new Error('Inside db.transaction(fn), run statements on the `tx` passed to fn, not on db');
    }
    while (this.#busy !== undefined) await this.#busy;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    if (this.#busy !== undefined) await this.#idle();
    return this.#conn.all<T>(sql, params);
  }

  async execute(sql: string, params?: SqlParams): Promise<number> {
    if (this.#busy !== undefined) await this.#idle();
    return this.#conn.run(sql, params);
  }

  async exec(script: string): Promise<void> {
    await this.#idle();
    this.#conn.raw.exec(script);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const started = this.#observer === undefined ? 0 : performance.now();
    return this.#claim(async (busy) => {
      this.#observer?.connectionWaited(performance.now() - started);
      await beginImmediate(this.#conn);
      return insideTransaction.run(busy, () => runInTransaction(this.#conn, undefined, 'COMMIT', 'ROLLBACK', fn, 1));
    });
  }

  /** Runs `fn` with the connection to itself: other callers' statements wait until it is done. */
  async #claim<T>(fn: (busy: Promise<void>) => Promise<T>): Promise<T> {
    // Several callers may wake from the same finished transaction: only the first to run on finds
    // #busy clear and claims it; the others wait again (else: "cannot start a transaction within a transaction").
    do await this.#idle();
    while (this.#busy !== undefined);
    let release = (): void => {};
    const busy = new Promise<void>((resolve) => (release = resolve));
    this.#busy = busy;
    try {
      return await fn(busy);
    } finally {
      this.#busy = undefined;
      release();
    }
  }

  async close(): Promise<void> {
    await this.#group.flushed();
    await this.#checkpoints?.stop();
    await this.#idle();
    this.#conn.close();
  }
}

export const openSqlite = (path: string, observer?: DbObserver, options: SqliteOptions = {}): Db => {
  const checkpointed = path === ':memory:' || options.readOnly === true ? undefined : { path, options };
  return new SqliteDb(new SqliteConnection(path, options), observer, checkpointed);
};
