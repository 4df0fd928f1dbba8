import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { openDatabase } from '@olympus/storage';
import { startTestPostgres } from '../../../scripts/pg.ts';
import { freshDsn, testDatabases } from '../../../test/support/databases.ts';

const withoutPgEnv = async (fn: () => Promise<void>) => {
  const saved = process.env.OLYMPUS_TEST_PG_DSN;
  delete process.env.OLYMPUS_TEST_PG_DSN;
  try {
    await fn();
  } finally {
    if (saved !== undefined) process.env.OLYMPUS_TEST_PG_DSN = saved;
  }
};

test('the postgres test database fails loudly without OLYMPUS_TEST_PG_DSN', () =>
  withoutPgEnv(async () => {
    const postgres = testDatabases.find((d) => d.name === 'postgres');
    assert.ok(postgres);
    await assert.rejects(postgres.open(), /OLYMPUS_TEST_PG_DSN is not set — run tests through `npm test`/);
    await assert.rejects(freshDsn('postgres'), /OLYMPUS_TEST_PG_DSN is not set/);
  }));

test('each open() is a fresh, isolated database', async () => {
  for (const database of testDatabases) {
    const a = await database.open();
    const b = await database.open();
    try {
      await a.exec('CREATE TABLE only_in_a (x INTEGER)');
      await assert.rejects(b.query('SELECT x FROM only_in_a'), /only_in_a/);
    } finally {
      await a.close();
      await b.close();
    }
  }
});

test('startTestPostgres returns OLYMPUS_TEST_PG_DSN when set, without starting anything', async () => {
  const saved = process.env.OLYMPUS_TEST_PG_DSN;
  process.env.OLYMPUS_TEST_PG_DSN = 'postgres://someone@db.example:5432/x';
  try {
    const server = await startTestPostgres();
    assert.equal(server.dsn, 'postgres://someone@db.example:5432/x');
    await server.stop();
  } finally {
    if (saved === undefined) delete process.env.OLYMPUS_TEST_PG_DSN;
    else process.env.OLYMPUS_TEST_PG_DSN = saved;
  }
});

test('startTestPostgres starts a server with an olympus_test database; stop() removes it', () =>
  withoutPgEnv(async () => {
    const server = await startTestPostgres();
    const url = new URL(server.dsn);
    assert.equal(url.pathname, '/olympus_test');
    assert.equal(url.hostname, '127.0.0.1');
    const db = await openDatabase(server.dsn);
    assert.deepEqual(await db.query('SELECT current_database() AS name'), [{ name: 'olympus_test' }]);
    const [dir] = await db.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    await db.close();
    await server.stop();
    assert.equal(existsSync(dir!.dir), false, 'the data directory is deleted');
    await assert.rejects(openDatabase(server.dsn), /ECONNREFUSED|connect/);
  }));
