import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '@olympus/storage';
import { multiRowInsert } from '../src/db/group-commit.ts';
import { testDatabases } from '../../../test/support/databases.ts';

const INSERT = 'INSERT INTO grouped (id, doc, at) VALUES (?, ?, ?)';

test('multiRowInsert repeats the VALUES tuple and refuses statements it cannot extend', () => {
  assert.equal(multiRowInsert('INSERT INTO t (a, b) VALUES (?, COALESCE(?, (SELECT 1)))', 2), 'INSERT INTO t (a, b) VALUES (?, COALESCE(?, (SELECT 1))), (?, COALESCE(?, (SELECT 1)))');
  assert.throws(() => multiRowInsert('INSERT INTO t (a) VALUES (?) RETURNING a', 2), /plain INSERT/);
});

for (const database of testDatabases) {
  describe(`group commit [${database.name}]`, () => {
    let db: Db;
    before(async () => {
      db = await database.open();
      await db.exec(`CREATE TABLE grouped (id TEXT PRIMARY KEY, doc ${db.dialect === 'postgres' ? 'JSON' : 'JSON_TEXT'}, at BIGINT)`);
    });
    after(() => db.close());

    test('200 concurrent grouped inserts are all committed and read back intact', async () => {
      await Promise.all(Array.from({ length: 200 }, (_, i) => db.insertGrouped(INSERT, [`g${i}`, { i }, i])));
      const rows = await db.query<{ id: string; doc: { i: number }; at: number }>("SELECT id, doc, at FROM grouped WHERE id LIKE 'g%'");
      assert.equal(rows.length, 200);
      assert.ok(rows.every((r) => r.doc.i === r.at && r.id === `g${r.at}`));
    });

    test('a duplicate key in a group rejects only that row', async () => {
      await db.execute(INSERT, ['dup', {}, 0]);
      const results = await Promise.allSettled([
        db.insertGrouped(INSERT, ['ok1', {}, 1]),
        db.insertGrouped(INSERT, ['dup', {}, 2]),
        db.insertGrouped(INSERT, ['ok2', {}, 3]),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
      const ids = (await db.query<{ id: string }>("SELECT id FROM grouped WHERE id IN ('ok1', 'ok2', 'dup') ORDER BY id")).map((r) => r.id);
      assert.deepEqual(ids, ['dup', 'ok1', 'ok2']);
    });

    test('inside a transaction a grouped insert joins it and rolls back with it', async () => {
      await assert.rejects(db.transaction(async (tx) => {
        await tx.insertGrouped(INSERT, ['rolled', {}, 9]);
        throw new Error('abort');
      }), /abort/);
      assert.equal((await db.query("SELECT id FROM grouped WHERE id = 'rolled'")).length, 0);
    });
  });
}
