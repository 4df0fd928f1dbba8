import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '@olympus/storage';
import { freshDsn } from '../../../test/support/databases.ts';

test('an unsupported scheme is named in the error, without the rest of the DSN', async () => {
  await assert.rejects(openDatabase('mysql://root:s3cret@db/olympus'), (error: Error) => {
    assert.match(error.message, /"mysql:\/\/"/);
    assert.doesNotMatch(error.message, /s3cret/);
    return true;
  });
  await assert.rejects(openDatabase('olympus.db'), /no scheme/);
  await assert.rejects(openDatabase('sqlite://'), /names no file/);
});

test('sqlite://<relative path> resolves against the working directory and creates the folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'olympus-open-'));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const db = await openDatabase('sqlite://data/nested/olympus.db?_fk=true');
    await db.exec('CREATE TABLE t (x INTEGER)');
    await db.close();
    assert.ok(existsSync(join(dir, 'data/nested/olympus.db')));
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SQLite files are opened in WAL mode with NORMAL sync, a busy timeout and foreign keys', async () => {
  const db = await openDatabase(await freshDsn('sqlite'));
  try {
    assert.deepEqual(await db.query('PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
    assert.deepEqual(await db.query('PRAGMA synchronous'), [{ synchronous: 1 }]);
    assert.deepEqual(await db.query('PRAGMA busy_timeout'), [{ timeout: 5000 }]);
    assert.deepEqual(await db.query('PRAGMA foreign_keys'), [{ foreign_keys: 1 }]);
  } finally {
    await db.close();
  }
});

test('sqlite://:memory:, memory, postgres:// and postgresql:// (with Hydra-style options) open', async () => {
  const pgDsn = await freshDsn('postgres');
  const dsns = [
    'sqlite://:memory:', 'memory', pgDsn, pgDsn.replace(/^postgres:/, 'postgresql:'),
    `${pgDsn}?sslmode=disable&max_conns=3&max_idle_conns=2`,
  ];
  for (const dsn of dsns) {
    const db = await openDatabase(dsn);
    assert.deepEqual(await db.query('SELECT 1 AS one'), [{ one: 1 }]);
    assert.equal(db.dialect, dsn.startsWith('postgres') ? 'postgres' : 'sqlite');
    await db.close();
  }
});

test('an unreachable PostgreSQL fails at open, not on the first request', async () => {
  await assert.rejects(openDatabase('postgres://nobody@127.0.0.1:1/none'), /ECONNREFUSED|connect/);
});
