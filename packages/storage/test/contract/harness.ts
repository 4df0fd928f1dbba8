/**
 * Runs a block of contract tests once per database (SQLite and PostgreSQL), each on a fresh
 * migrated database. There is no skip: without OLYMPUS_TEST_PG_DSN the postgres block fails.
 */
import { after, before, describe } from 'node:test';
import type { OAuth2Storage } from '@olympus/oauth2';
import { createOAuth2Storage, type Db } from '@olympus/storage';
import { testDatabases, type DatabaseKind } from '../../../../test/support/databases.ts';

export interface Contract {
  kind: DatabaseKind;
  db(): Db;
  storage(): OAuth2Storage;
}

export const forEachDatabase = (title: string, body: (contract: Contract) => void): void => {
  for (const database of testDatabases) {
    describe(`${title} [${database.name}]`, () => {
      let db: Db | undefined;
      let storage: OAuth2Storage | undefined;
      before(async () => {
        db = await database.openMigrated();
        storage = createOAuth2Storage(db);
      });
      after(async () => {
        await db?.close();
      });
      body({
        kind: database.name,
        db: () => db ?? fail(),
        storage: () => storage ?? fail(),
      });
    });
  }
};

const fail = (): never => {
  throw new Error('the database was not opened (see the error of the before hook)');
};
