/**
 * Real storage for unit tests: a migrated SQLite database in memory, so a test runs against the SQL
 * adapters the contract suite (packages/storage/test/contract) checks instead of a hand-written fake.
 * Each database lives until it is closed or its last reference is gone; it costs about a millisecond.
 */
import { migrate, openDatabase, type Db, type SqlParams } from '@olympus/storage';

export const openMemoryDatabase = async (): Promise<Db> => {
  const db = await openDatabase('sqlite://:memory:');
  await migrate(db, 'up');
  return db;
};

/**
 * A memory database usable at once, for fixtures built synchronously: every call first waits for
 * the database to be opened and migrated.
 */
export const memoryDatabaseNow = (): Db => {
  const ready = openMemoryDatabase();
  return {
    dialect: 'sqlite',
    query: async <T,>(sql: string, params?: SqlParams) => (await ready).query<T>(sql, params),
    execute: async (sql, params) => (await ready).execute(sql, params),
    insertGrouped: async (sql, params) => (await ready).insertGrouped(sql, params),
    exec: async (script) => (await ready).exec(script),
    transaction: async <T,>(fn: (tx: Db) => Promise<T>) => (await ready).transaction(fn),
    close: async () => (await ready).close(),
  };
};
