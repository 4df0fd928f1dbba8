/**
 * Which database failures become StorageUnavailable and with which reason (docs/operations/faults.md):
 * real SQLite refusals (a full database through max_page_count, a file opened `?mode=ro`), PostgreSQL's
 * SQLSTATEs and pg's own messages, and errors that must pass through untouched.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase, StorageUnavailable } from '@olympus/storage';
import { freshDsn } from './support/databases.ts';

const reasonOf = async (work: Promise<unknown>): Promise<string> => {
  const err = await work.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(err instanceof StorageUnavailable, String(err));
  return err.reason;
};

test('SQLite: a full database is disk_full, a read-only one read_only, and reads still work read-only', async () => {
  const dsn = await freshDsn('sqlite');
  const db = await openDatabase(dsn);
  await db.exec('CREATE TABLE t (x TEXT)');
  await db.execute('INSERT INTO t VALUES (?)', ['kept']);
  const [{ page_count: pages }] = await db.query<{ page_count: number }>('PRAGMA page_count');
  await db.query(`PRAGMA max_page_count = ${pages}`);
  const fill = async () => {
    for (let i = 0; i < 100; i++) await db.execute('INSERT INTO t VALUES (?)', ['x'.repeat(4000)]);
  };
  assert.equal(await reasonOf(fill()), 'disk_full');
  await db.close();

  const readOnly = await openDatabase(`${dsn}?mode=ro`);
  assert.deepEqual(await readOnly.query('SELECT x FROM t WHERE x = ?', ['kept']), [{ x: 'kept' }]);
  assert.equal(await reasonOf(readOnly.execute('INSERT INTO t VALUES (?)', ['no'])), 'read_only');
  assert.equal(await reasonOf(readOnly.transaction((tx) => tx.execute('DELETE FROM t'))), 'read_only');
  await readOnly.close();
});

test('SQLite: a constraint violation is not an outage', async () => {
  const db = await openDatabase('sqlite://:memory:');
  await db.exec('CREATE TABLE u (id TEXT PRIMARY KEY)');
  await db.execute('INSERT INTO u VALUES (?)', ['a']);
  const err = await db.execute('INSERT INTO u VALUES (?)', ['a']).catch((e: unknown) => e);
  assert.ok(!(err instanceof StorageUnavailable));
  await db.close();
});

test('PostgreSQL: a read-only transaction is read_only, a statement timeout is timeout, a unique violation passes through', async () => {
  const db = await openDatabase(await freshDsn('postgres'));
  await db.exec('CREATE TABLE u (id TEXT PRIMARY KEY)');
  await db.execute('INSERT INTO u VALUES (?)', ['a']);
  const dup = await db.execute('INSERT INTO u VALUES (?)', ['a']).catch((e: unknown) => e);
  assert.ok(!(dup instanceof StorageUnavailable));
  assert.equal((dup as { code?: string }).code, '23505');
  assert.equal(await reasonOf(db.transaction(async (tx) => {
    await tx.execute('SET TRANSACTION READ ONLY');
    await tx.execute('INSERT INTO u VALUES (?)', ['b']);
  })), 'read_only');
  assert.equal(await reasonOf(db.transaction(async (tx) => {
    await tx.execute("SET LOCAL statement_timeout = '50ms'");
    await tx.query('SELECT pg_sleep(1)');
  })), 'timeout');
  await db.close();
});

test('PostgreSQL: a server that went away is unreachable', async () => {
  const db = await openDatabase(await freshDsn('postgres'));
  const [{ pid }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  // Another session ends this one, as a restart would (SQLSTATE 57P01 admin_shutdown).
  const other = await openDatabase(process.env.OLYMPUS_TEST_PG_DSN!);
  const inside = db.transaction(async (tx) => {
    const [{ mine }] = await tx.query<{ mine: number }>('SELECT pg_backend_pid() AS mine');
    await other.query('SELECT pg_terminate_backend(?)', [mine]);
    await tx.query('SELECT 1');
  });
  assert.equal(await reasonOf(inside), 'unreachable');
  assert.ok(pid > 0);
  await other.close();
  await db.close();
});

test('SQLite: WAL with synchronous NORMAL by default, FULL with ?synchronous=full', async () => {
  const dsn = await freshDsn('sqlite');
  for (const [suffix, expected] of [['', 1], ['?synchronous=full', 2]] as const) {
    const db = await openDatabase(`${dsn}${suffix}`);
    assert.deepEqual(await db.query('PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
    assert.deepEqual(await db.query('PRAGMA synchronous'), [{ synchronous: expected }]);
    await db.close();
  }
});
