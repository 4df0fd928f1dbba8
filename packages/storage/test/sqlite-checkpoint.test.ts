import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@olympus/storage';
import { openSqlite } from '../src/db/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'olympus-checkpoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sizes = { softPages: 16, hardPages: 64, pollMs: 2 };
const walSize = (file: string): number => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
/** Waits until the checkpoint thread is ready: it turns the serving connection's autocheckpoint off. */
const threadTookOver = async (db: Db): Promise<boolean> => {
  for (let i = 0; i < 1000 && (await autocheckpoint(db)) !== 0; i++) await sleep(10);
  return (await autocheckpoint(db)) === 0;
};
/** The process' threads, where the system lists them (Linux); a leaked worker thread shows here. */
const threads = (): number | undefined => (existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : undefined);
const autocheckpoint = async (db: Db): Promise<number> => Number((await db.query<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint'))[0].wal_autocheckpoint);

test('a SQLite file checkpoints on a worker thread, keeps its WAL bounded, and close() ends the thread and flushes as before', async () => {
  const file = join(dir, 'written.db');
  const db = openSqlite(file, undefined, { checkpointSizes: sizes });
  assert.equal(await autocheckpoint(db), 1000, "SQLite's own checkpoints cover until the thread is ready");
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  const pageBytes = 4096 + 24;
  let largest = 0;
  // About 40 times the hard size in one-row transactions, with the event loop free between them.
  for (let i = 0; i < 1200; i++) {
    await db.transaction((tx) => tx.execute('INSERT INTO t (body) VALUES (?)', ['x'.repeat(6000)]));
    largest = Math.max(largest, walSize(file));
    await sleep(0);
  }
  assert.equal(await autocheckpoint(db), 0, 'the serving connection no longer checkpoints inside its commits');
  assert.ok(largest < 32 + 12 * sizes.hardPages * pageBytes, `the WAL stayed bounded (largest ${largest} bytes)`);
  assert.ok(statSync(file).size > 1200 * 6000, 'the pages were copied back into the database file');
  await db.close();
  assert.equal(walSize(file), 0, 'the serving connection, closing last, checkpointed and removed the WAL');
  const reopened = openSqlite(file);
  assert.deepEqual(await reopened.query('SELECT COUNT(*) AS n FROM t'), [{ n: 1200 }]);
  await reopened.close();
});

test('many file databases opened and closed in one process leave no thread behind', async () => {
  const cycle = async (name: string): Promise<void> => {
    const db = openSqlite(join(dir, `${name}.db`), undefined, { checkpointSizes: sizes });
    await db.exec('CREATE TABLE t (body TEXT)');
    for (let j = 0; j < 40; j++) await db.execute('INSERT INTO t (body) VALUES (?)', ['y'.repeat(8000)]);
    assert.equal(await threadTookOver(db), true);
    await db.close();
  };
  await cycle('warm-up');
  const before = threads();
  for (let i = 0; i < 5; i++) await cycle(`many-${i}`);
  assert.equal(threads(), before);
});

test('a read-only SQLite file and :memory: run no checkpoint thread', async () => {
  const file = join(dir, 'read-only.db');
  const writer = openSqlite(file);
  await writer.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)');
  await writer.close();
  const before = threads();
  const memory = openSqlite(':memory:', undefined, { checkpointSizes: sizes });
  await memory.exec('CREATE TABLE t (body TEXT)');
  for (let j = 0; j < 40; j++) await memory.execute('INSERT INTO t (body) VALUES (?)', ['y'.repeat(8000)]);
  const readOnly = openSqlite(file, undefined, { readOnly: true, checkpointSizes: sizes });
  await sleep(30);
  assert.equal(threads(), before);
  for (const db of [memory, readOnly]) {
    assert.equal(await autocheckpoint(db), 1000);
    await db.close();
  }
});
