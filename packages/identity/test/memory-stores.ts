/**
 * The identity server's SQL stores on a fresh migrated SQLite database in memory: unit tests run on
 * the adapters the storage contract suite checks (packages/storage/test/contract), not on hand-written
 * fakes. The database is usable at once, so harnesses that build a context synchronously stay so.
 */
import { createIdentityStorage, type Db } from '@olympus/storage';
import type { IdentityStorage } from '../src/index.ts';
import { memoryDatabaseNow } from '../../../test/support/memory-database.ts';

export interface MemoryStores {
  db: Db;
  storage: IdentityStorage;
}

export const memoryStores = (): MemoryStores => {
  const db = memoryDatabaseNow();
  return { db, storage: createIdentityStorage(db) };
};
