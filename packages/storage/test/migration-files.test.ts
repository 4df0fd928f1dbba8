/**
 * The migration files: each is written once and spelled per dialect (src/migrations/files.ts), and a
 * shipped migration never changes what it runs, since databases record only its version as applied.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { loadMigrations, readMigrations } from '../src/migrations/files.ts';

/** What a migration runs, without its comments and layout. */
const statements = (sql: string): string => sql.replace(/--[^\n]*/g, '').replace(/\s+/g, ' ').trim();
const fingerprint = (sql: string): string => createHash('sha256').update(statements(sql)).digest('hex');

/**
 * sha256 of the statements each shipped migration ran when it was released as a pair of
 * NNNN_name.sqlite.sql and NNNN_name.postgres.sql files. Add a line when a migration ships.
 */
const RELEASED: Record<number, { sqlite: string; postgres: string }> = {
  1: {
    sqlite: '4f42105d12316515b38e4d0db4dc04acaa41d0445501c7572f3296ce7e30a915',
    postgres: '1968dd3ee77983e3fa158beac0927cde989c60484f0fc847c85f18e0ba80e0ff',
  },
  2: {
    sqlite: '4192852ff30054338eab1bdf974e1d7a2e90ddb96fd517fc600a713817ec1060',
    postgres: '4192852ff30054338eab1bdf974e1d7a2e90ddb96fd517fc600a713817ec1060',
  },
  3: {
    sqlite: 'ea0573c89f962abf6f3c7cdb5745a27892bba1eb71a7216092823960f88e007b',
    postgres: '07e55ca369a96275247fb085bcc947433d378d10aa26c45697a25f937ea00e88',
  },
  4: {
    sqlite: 'fc48f31f2bb0badf97f1c2ce66dd12f3d79e32819dd3faf4b8b78a760d16d6c0',
    postgres: '4cc1ace87761799248e5de3bd0ee890e9b4f0652489c7f0e5a46699f260afc53',
  },
  5: {
    sqlite: 'd7dfd7c7d21c40bfde55d6f11f1fb1b926c2c952a2881d3fb07578fabce68dc4',
    postgres: 'd7dfd7c7d21c40bfde55d6f11f1fb1b926c2c952a2881d3fb07578fabce68dc4',
  },
  6: {
    sqlite: '764c390c7784fab73fed8e6b30075ff44e31fc4617d1f1300f5fb5ddbcddb2cc',
    postgres: '764c390c7784fab73fed8e6b30075ff44e31fc4617d1f1300f5fb5ddbcddb2cc',
  },
  7: {
    sqlite: 'b3a897907f9ba939a382cd9d9711bfcf237f8a9fccb54d24f9a9331c87d2c9d9',
    postgres: 'b3a897907f9ba939a382cd9d9711bfcf237f8a9fccb54d24f9a9331c87d2c9d9',
  },
  9: {
    sqlite: '4ee7b4d24ec11c2f9d17c5f68163829be98d6c68e764aaec86b41fef1e69e0e2',
    postgres: '4ee7b4d24ec11c2f9d17c5f68163829be98d6c68e764aaec86b41fef1e69e0e2',
  },
  8: {
    sqlite: '16c58e11bf37634305f980b8aecd5f04ba00d92a665039ea2ab7fcd1506c2cad',
    postgres: 'f3533054e05100e2ce673e02cc007bd31de6021f27da82b734cab3c848453313',
  },
  10: {
    sqlite: '6d30297e85ddc1219cbc7288120eb937db202c075ae39f664cdf859a0269536a',
    postgres: 'd185a74f319f12dd80fd7938b10d931ca50956baef50e4c696a13b56569c8a92',
  },
};

test('every released migration runs, on each dialect, exactly the statements it ran when released', () => {
  const shipped = new Map(loadMigrations().map((m) => [m.version, m]));
  for (const [version, expected] of Object.entries(RELEASED)) {
    const migration = shipped.get(Number(version));
    assert.ok(migration, `migration ${version} is still shipped`);
    assert.deepEqual(
      { sqlite: fingerprint(migration.sql.sqlite), postgres: fingerprint(migration.sql.postgres) },
      expected,
      `migration ${version}_${migration.name}`,
    );
  }
});

test('versions count up from 1 without a gap, and no term is left unspelled', () => {
  const shipped = loadMigrations();
  assert.deepEqual(shipped.map((m) => m.version), shipped.map((_, i) => i + 1));
  for (const m of shipped) assert.doesNotMatch(`${m.sql.sqlite}${m.sql.postgres}`, /\{\{/, `${m.version}_${m.name}`);
});

describe('reading a migrations folder', () => {
  const folders: string[] = [];
  after(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });
  const folderWith = (files: Record<string, string>): URL => {
    const dir = mkdtempSync(join(tmpdir(), 'olympus-migrations-'));
    folders.push(dir);
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
    return pathToFileURL(`${dir}/`);
  };

  test('a shared file is spelled for each dialect', () => {
    const [m] = readMigrations(folderWith({ '0001_things.sql': 'CREATE TABLE t (data {{json}} NOT NULL);', 'notes.txt': 'ignored' }));
    assert.deepEqual(m, {
      version: 1, name: 'things',
      sql: { sqlite: 'CREATE TABLE t (data JSON_TEXT NOT NULL);', postgres: 'CREATE TABLE t (data JSON NOT NULL);' },
    });
  });

  test("a dialect's own file takes the place of the shared one for that dialect only", () => {
    const [m] = readMigrations(folderWith({ '0001_things.sql': 'SELECT 1;', '0001_things.postgres.sql': 'SELECT 2;' }));
    assert.deepEqual(m?.sql, { sqlite: 'SELECT 1;', postgres: 'SELECT 2;' });
  });

  test('a pair of dialect files without a shared one still makes a migration, oldest version first', () => {
    const migrations = readMigrations(folderWith({
      '0002_pair.sqlite.sql': 'SELECT 2;', '0002_pair.postgres.sql': 'SELECT 3;', '0001_shared.sql': 'SELECT 1;',
    }));
    assert.deepEqual(migrations.map((m) => [m.version, m.name, m.sql.sqlite, m.sql.postgres]), [
      [1, 'shared', 'SELECT 1;', 'SELECT 1;'], [2, 'pair', 'SELECT 2;', 'SELECT 3;'],
    ]);
  });

  test('mistakes in the folder are refused with what to fix', () => {
    assert.throws(() => readMigrations(folderWith({ '0001_a.sql': 'x {{jsonb}}' })), /0001_a\.sql uses \{\{jsonb\}\}.*known: json, serial_primary_key/);
    assert.throws(() => readMigrations(folderWith({ '0001_a.sqlite.sql': 'x' })), /0001_a needs 0001_a\.sql or 0001_a\.postgres\.sql/);
    assert.throws(() => readMigrations(folderWith({ '0001_a.sql': 'x', '0001_b.postgres.sql': 'y' })), /has two names: a and b/);
    assert.throws(
      () => readMigrations(folderWith({ '0001_a.sql': 'x', '0001_a.sqlite.sql': 'y', '0001_a.postgres.sql': 'z' })),
      /0001_a\.sql is never used/,
    );
  });
});
