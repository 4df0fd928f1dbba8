import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '@olympus/storage';
import { testDatabases } from '../../../test/support/databases.ts';

for (const database of testDatabases) {
  describe(`Db [${database.name}]`, () => {
    let db: Db;
    before(async () => {
      db = await database.open();
      const json = db.dialect === 'postgres' ? 'JSON' : 'JSON_TEXT';
      await db.exec(`CREATE TABLE sample (id TEXT PRIMARY KEY, flag BOOLEAN, doc ${json}, at BIGINT, note TEXT)`);
    });
    after(() => db.close());

    test('booleans, JSON and epoch milliseconds read back identically', async () => {
      const doc = { b: [1, 'two', { three: null }], a: true, nested: { z: 1.5 } };
      await db.execute('INSERT INTO sample (id, flag, doc, at, note) VALUES (?, ?, ?, ?, ?)', ['r1', true, doc, 1_750_000_123_456, null]);
      await db.execute('INSERT INTO sample (id, flag, doc, at, note) VALUES (?, ?, ?, ?, ?)', ['r2', false, [1, 2], 8_640_000_000_000_000, undefined]);
      const rows = await db.query('SELECT id, flag, doc, at, note FROM sample ORDER BY id');
      assert.deepEqual(rows, [
        { id: 'r1', flag: true, doc, at: 1_750_000_123_456, note: null },
        { id: 'r2', flag: false, doc: [1, 2], at: 8_640_000_000_000_000, note: null },
      ]);
      assert.deepEqual(Object.keys(rows[0]!.doc as object), ['b', 'a', 'nested'], 'key order is kept');
      const [count] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM sample WHERE flag = ?', [true]);
      assert.deepEqual(count, { n: 1 });
    });

    test('? inside string literals and comments is not a placeholder', async () => {
      const rows = await db.query<{ q: string; v: string }>("SELECT 'what?' AS q, -- really?\n ? AS v /* or ? */", ['yes']);
      assert.deepEqual(rows, [{ q: 'what?', v: 'yes' }]);
    });

    test('execute returns the number of changed rows', async () => {
      await db.execute('INSERT INTO sample (id, at) VALUES (?, ?), (?, ?)', ['c1', 1, 'c2', 1]);
      assert.equal(await db.execute('UPDATE sample SET at = ? WHERE at = ?', [2, 1]), 2);
      assert.equal(await db.execute('DELETE FROM sample WHERE id = ?', ['missing']), 0);
    });

    test('a transaction commits when fn resolves and rolls back when it throws', async () => {
      const result = await db.transaction(async (tx) => {
        await tx.execute('INSERT INTO sample (id) VALUES (?)', ['t-commit']);
        return 42;
      });
      assert.equal(result, 42);
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.execute('INSERT INTO sample (id) VALUES (?)', ['t-rollback']);
          throw new Error('boom');
        }),
        /boom/,
      );
      const ids = (await db.query<{ id: string }>("SELECT id FROM sample WHERE id LIKE 't-%'")).map((r) => r.id);
      assert.deepEqual(ids, ['t-commit']);
    });

    test('a nested transaction is a savepoint: its rollback keeps the outer writes', async () => {
      await db.transaction(async (tx) => {
        await tx.execute('INSERT INTO sample (id) VALUES (?)', ['n-outer']);
        await assert.rejects(
          tx.transaction(async (inner) => {
            await inner.execute('INSERT INTO sample (id) VALUES (?)', ['n-inner']);
            throw new Error('inner');
          }),
        );
      });
      const ids = (await db.query<{ id: string }>("SELECT id FROM sample WHERE id LIKE 'n-%'")).map((r) => r.id);
      assert.deepEqual(ids, ['n-outer']);
    });

    test('a write from outside a running transaction is not rolled back with it', async () => {
      // Another request: its continuation is set up outside the transaction, then released inside it.
      let release = (): void => {};
      const outside = new Promise<void>((resolve) => (release = resolve)).then(() =>
        db.execute('INSERT INTO sample (id) VALUES (?)', ['o-outside']),
      );
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.execute('INSERT INTO sample (id) VALUES (?)', ['o-inside']);
          release();
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('abort');
        }),
      );
      assert.equal(await outside, 1);
      const ids = (await db.query<{ id: string }>("SELECT id FROM sample WHERE id LIKE 'o-%'")).map((r) => r.id);
      assert.deepEqual(ids, ['o-outside']);
    });

    test('using db instead of tx inside its own transaction fails instead of hanging (SQLite)', async () => {
      const result = db.transaction(async () => db.query('SELECT 1 AS one'));
      if (db.dialect === 'sqlite') await assert.rejects(result, /run statements on the `tx`/);
      else assert.deepEqual(await result, [{ one: 1 }]); // PostgreSQL: another pooled connection
    });

    test('transactions started at the same moment all run, one after another', async () => {
      const ids = ['t1', 't2', 't3', 't4'];
      await Promise.all(ids.map((id) => db.transaction(async (tx) => {
        await tx.execute('INSERT INTO sample (id, at) VALUES (?, ?)', [id, 7]);
      })));
      const [count] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM sample WHERE at = ?', [7]);
      assert.deepEqual(count, { n: 4 });
    });

    test('SQL errors reject with the database message', async () => {
      await assert.rejects(db.query('SELECT nope FROM sample'), /nope/);
      await db.execute('INSERT INTO sample (id) VALUES (?)', ['dup']);
      await assert.rejects(db.execute('INSERT INTO sample (id) VALUES (?)', ['dup']), /unique|duplicate/i);
    });
  });
}
