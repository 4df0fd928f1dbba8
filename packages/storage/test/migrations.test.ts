import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { migrate, migrationStatus, openDatabase, type Db } from '@olympus/storage';
import { POOL_TIMEOUTS } from '../src/db/postgres.ts';
import { freshDsn, testDatabases } from '../../../test/support/databases.ts';

/** The advisory lock's key in migrate.ts. */
const MIGRATION_LOCK = 0x4f6c796d;

const TABLES = [
  'oauth2_clients', 'oauth2_flows', 'oauth2_authentication_sessions', 'oauth2_authorization_codes', 'oauth2_access_tokens',
  'oauth2_refresh_tokens', 'oauth2_revoked_grants', 'oauth2_jtis', 'oauth2_json_web_keys',
];

const withDb = async (open: () => Promise<Db>, fn: (db: Db) => Promise<void>) => {
  const db = await open();
  try {
    await fn(db);
  } finally {
    await db.close();
  }
};

for (const database of testDatabases) {
  describe(`migrations [${database.name}]`, () => {
    test('status lists pending migrations, then applied ones with their time', () =>
      withDb(database.open, async (db) => {
        const before = await migrationStatus(db);
        assert.ok(before.length >= 1);
        assert.deepEqual(before[0], { version: 1, name: 'oauth2', applied: false, appliedAt: null });
        assert.ok(before.every((m) => !m.applied && m.appliedAt === null));

        const started = Date.now();
        const applied = await migrate(db, 'up');
        assert.deepEqual(applied.map((m) => m.version), before.map((m) => m.version));

        const after = await migrationStatus(db);
        assert.deepEqual(after.map((m) => [m.version, m.name, m.applied]), before.map((m) => [m.version, m.name, true]));
        for (const m of after) assert.ok(typeof m.appliedAt === 'number' && m.appliedAt >= started);
        for (const table of TABLES) assert.deepEqual(await db.query(`SELECT COUNT(*) AS n FROM ${table}`), [{ n: 0 }]);
      }));

    test('migrating twice is a no-op', () =>
      withDb(database.open, async (db) => {
        await migrate(db, 'up');
        const status = await migrationStatus(db);
        assert.deepEqual(await migrate(db, 'up'), []);
        assert.deepEqual(await migrationStatus(db), status);
      }));

    test('only "up" exists', () =>
      withDb(database.open, async (db) => {
        await assert.rejects(migrate(db, 'down' as 'up'), /only "up"/);
      }));

    test('four connections migrating one database at once apply each migration exactly once', async () => {
      const dsn = await freshDsn(database.name);
      const connections = await Promise.all(Array.from({ length: 4 }, () => openDatabase(dsn)));
      try {
        const results = await Promise.all(connections.map((db) => migrate(db, 'up')));
        const versions = results.flat().map((m) => m.version).sort((a, b) => a - b);
        const known = (await migrationStatus(connections[0]!)).map((m) => m.version);
        assert.deepEqual(versions, known, 'each version applied by exactly one migrator');
        assert.ok((await migrationStatus(connections[0]!)).every((m) => m.applied));
      } finally {
        await Promise.all(connections.map((db) => db.close()));
      }
    });

    if (database.name === 'postgres') {
      test('a migrator waits for another that holds the migration lock longer than a request may take', async () => {
        const dsn = await freshDsn(database.name);
        const [holder, waiter] = await Promise.all([openDatabase(dsn), openDatabase(dsn)]);
        try {
          let released = 0;
          const holding = holder.transaction(async (tx) => {
            await tx.exec(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
            await setTimeout(POOL_TIMEOUTS.statement_timeout + 1500);
            released = Date.now();
          });
          await setTimeout(200);
          const applied = await migrate(waiter, 'up');
          await holding;
          assert.ok(released > 0 && Date.now() >= released, 'the migrator finished after the lock was released');
          assert.ok(applied.length >= 1 && (await migrationStatus(waiter)).every((m) => m.applied));
        } finally {
          await Promise.all([holder.close(), waiter.close()]);
        }
      });
    }
  });
}
