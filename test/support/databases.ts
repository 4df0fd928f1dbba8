/**
 * The databases every storage-backed suite runs on: SQLite and PostgreSQL, each call a fresh,
 * isolated, empty database. PostgreSQL comes from the server in OLYMPUS_TEST_PG_DSN, which
 * `npm test` (scripts/test.ts) starts; without it the postgres entry fails loudly, never skips.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type Db } from '@olympus/storage';
import { createDatabase, dropDatabase } from '../../scripts/pg.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  name: DatabaseKind;
  /** A fresh empty database; close() also deletes it. */
  open(): Promise<Db>;
  /** A fresh database with every migration applied. */
  openMigrated(): Promise<Db>;
}

const serverDsn = (): string => {
  const dsn = process.env.OLYMPUS_TEST_PG_DSN;
  if (!dsn) throw new Error('OLYMPUS_TEST_PG_DSN is not set — run tests through `npm test`');
  return dsn;
};

const uniqueName = (): string => `olympus_t_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;

/** SQLite temp folders handed out by freshDsn; removed when the test process exits. */
const sqliteDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of sqliteDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A DSN for a fresh empty database of that kind (server-level tests open it themselves).
 * SQLite files are deleted when the process exits; PostgreSQL databases live as long as the server.
 */
export const freshDsn = async (name: DatabaseKind): Promise<string> => {
  if (name === 'postgres') return createDatabase(serverDsn(), uniqueName());
  const dir = mkdtempSync(join(tmpdir(), 'olympus-sqlite-'));
  sqliteDirs.add(dir);
  return `sqlite://${join(dir, 'olympus.db')}`;
};

/** Wraps close() so the database itself is removed afterwards. */
const withCleanup = (db: Db, cleanup: () => Promise<void> | void): Db => ({
  dialect: db.dialect,
  query: (sql, params) => db.query(sql, params),
  execute: (sql, params) => db.execute(sql, params),
  insertGrouped: (sql, params) => db.insertGrouped(sql, params),
  exec: (script) => db.exec(script),
  transaction: (fn) => db.transaction(fn),
  async close() {
    await db.close();
    await cleanup();
  },
});

const openSqlite = async (): Promise<Db> => {
  const dsn = await freshDsn('sqlite');
  const file = dsn.slice('sqlite://'.length);
  return withCleanup(await openDatabase(dsn), () => rmSync(join(file, '..'), { recursive: true, force: true }));
};

const openPostgres = async (): Promise<Db> => {
  const base = serverDsn();
  const name = uniqueName();
  const dsn = await createDatabase(base, name);
  return withCleanup(await openDatabase(dsn), () => dropDatabase(base, name));
};

const entry = (name: DatabaseKind, open: () => Promise<Db>): TestDatabase => ({
  name,
  open,
  async openMigrated() {
    const db = await open();
    await migrate(db, 'up');
    return db;
  },
});

export const testDatabases: TestDatabase[] = [entry('sqlite', openSqlite), entry('postgres', openPostgres)];
