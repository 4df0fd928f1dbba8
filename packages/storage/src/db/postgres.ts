import pg from 'pg';
import { bindParams } from './params.ts';
import { toNumberedPlaceholders } from './placeholders.ts';
import type { Db, SqlParams } from './types.ts';
import { GroupCommit, multiRowInsert, type PendingInsert } from './group-commit.ts';
import type { DbObserver } from './observer.ts';
import { observePool } from './pool-observer.ts';

const INT8_OID = 20;

/**
 * BIGINT columns hold epoch milliseconds, well inside 2^53, so they come back as numbers like they
 * do from SQLite. Set per pool, not globally, so other users of `pg` in the process are unaffected.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Named statements make PostgreSQL parse and plan each SQL text once per connection instead of on
 * every call. Only the first MAX_NAMED texts get a name, so dynamic SQL cannot grow it without bound.
 */
const statementNames = new Map<string, string>();
const MAX_NAMED = 1000;

const statementName = (text: string): string | undefined => {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED) {
    name = `olympus_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
};

type Runner = pg.Pool | pg.PoolClient;

const ignore = (): void => {};

/** Keeps a multi-row INSERT well under PostgreSQL's 65535 bind parameters. */
const MAX_ROWS_PER_INSERT = 500;
const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const run = (runner: Runner, sql: string, params: SqlParams | undefined): Promise<pg.QueryResult> => {
  const text = toNumberedPlaceholders(sql);
  return runner.query({ name: statementName(text), text, values: bindParams(params) });
};

/** A pool-backed Db, or (with a client) the view inside one transaction. */
class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #client: pg.PoolClient | undefined;
  readonly #depth: number;
  readonly #group: GroupCommit;

  readonly #observer: DbObserver | undefined;

  constructor(pool: pg.Pool, client?: pg.PoolClient, depth = 0, observer?: DbObserver) {
    this.#pool = pool;
    this.#client = client;
    this.#depth = depth;
    this.#observer = observer;
    this.#group = new GroupCommit((batch) => this.#insertRows(batch), (sql, params) => this.execute(sql, params), observer && ((rows) => observer.groupCommitted(rows)));
  }

  /** Inside a transaction the row simply joins it; outside, rows of one turn share a statement. */
  insertGrouped(sql: string, params: SqlParams): Promise<void> {
    if (this.#client !== undefined) return this.execute(sql, params).then(() => undefined);
    return this.#group.add(sql, params);
  }

  /** One multi-row INSERT per statement text and chunk: one round trip and one commit for many rows. */
  async #insertRows(batch: PendingInsert[]): Promise<void> {
    const bySql = Map.groupBy(batch, (row) => row.sql);
    await Promise.all([...bySql].flatMap(([sql, rows]) => chunks(rows, MAX_ROWS_PER_INSERT).map((chunk) => {
      const text = toNumberedPlaceholders(multiRowInsert(sql, chunk.length));
      return this.#pool.query({ text, values: chunk.flatMap((row) => bindParams(row.params)) });
    })));
  }

  async query<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    return (await run(this.#client ?? this.#pool, sql, params)).rows as T[];
  }

  async execute(sql: string, params?: SqlParams): Promise<number> {
    return (await run(this.#client ?? this.#pool, sql, params)).rowCount ?? 0;
  }

  async exec(script: string): Promise<void> {
    // No values and no name: the simple query protocol, which accepts several statements. Scripts are
    // migrations, whose DDL may rightly outlast the request timeouts (POOL_TIMEOUTS) on a large table.
    const text = this.#client === undefined ? script : `SET LOCAL statement_timeout = 0;\n${script}`;
    await (this.#client ?? this.#pool).query({ text, query_timeout: SCRIPT_TIMEOUT_MS } as pg.QueryConfig);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.#client !== undefined) return this.#savepoint(this.#client, fn);
    const client = await this.#pool.connect();
    // pg-pool listens for errors of idle clients only: a connection lost between two statements of a
    // transaction (the server restarting) is an 'error' event that would end the process. Ignored
    // here, it surfaces as the next statement's error instead (docs/operations/faults.md).
    client.on('error', ignore);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresDb(this.#pool, client, 1, this.#observer));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  async #savepoint<T>(client: pg.PoolClient, fn: (tx: Db) => Promise<T>): Promise<T> {
    const sp = `sp_${this.#depth}`;
    await client.query(`SAVEPOINT ${sp}`);
    try {
      const result = await fn(new PostgresDb(this.#pool, client, this.#depth + 1, this.#observer));
      await client.query(`RELEASE SAVEPOINT ${sp}`);
      return result;
    } catch (error) {
      await client.query(`ROLLBACK TO SAVEPOINT ${sp}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.#client !== undefined) throw new Error('close() is not available inside a transaction');
    await this.#group.flushed();
    await this.#pool.end();
  }
}

export interface PostgresOptions {
  /** Pool size; Hydra-style DSNs may set it with `max_conns`. */
  max?: number;
  /** The operator's metrics (observer.ts); none by default. */
  observer?: DbObserver;
}

/**
 * Nothing waits on the database for ever (docs/operations/faults.md): a connection (new, or a free one
 * from a full pool) within 5 s, a statement is cancelled by the server after 10 s, and a connection
 * that stops answering altogether (a host gone without a reset) is given up after 15 s. A failed
 * request is then a 503 with Retry-After; the pool drops broken connections and opens new ones as
 * soon as the server answers again.
 */
export const POOL_TIMEOUTS = { connectionTimeoutMillis: 5000, statement_timeout: 10_000, query_timeout: 15_000 } as const;
/** Migrations: long, but not endless. */
const SCRIPT_TIMEOUT_MS = 3_600_000;

/** Opens a pool and checks the server answers, so a wrong DSN fails at startup, not on a request. */
export const openPostgres = async (dsn: string, options: PostgresOptions = {}): Promise<Db> => {
  const pool = new pg.Pool({ connectionString: dsn, max: options.max ?? 10, types, ...POOL_TIMEOUTS, keepAlive: true });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  if (options.observer !== undefined) observePool(pool, options.observer);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresDb(pool, undefined, 0, options.observer);
};
