/**
 * `olympus janitor` and the identity server's tables: --courier is forwarded only when given, and a
 * real run against a temporary SQLite database prints the identity counts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createIdentityStorage, migrate, openDatabase, type Db } from '@olympus/storage';
import { runCli } from './helpers/capture-io.ts';
import type { JanitorCommandOptions, ServerModule } from '../src/server/server-module.ts';

test('--courier is forwarded when given, and only then', async () => {
  const calls: JanitorCommandOptions[] = [];
  const server = { janitorCommand: async (opts: JanitorCommandOptions) => (calls.push(opts), 'ok') } as unknown as ServerModule;
  assert.equal((await runCli(['janitor', 'sqlite://data/x.db', '--courier'], { server })).code, 0);
  assert.equal((await runCli(['janitor', 'sqlite://data/x.db'], { server })).code, 0);
  assert.equal((calls[0] as { courier?: boolean }).courier, true);
  assert.equal('courier' in calls[1]!, false);
});

describe('janitor on identity tables, against a temporary SQLite database', () => {
  let dir: string;
  let dsn: string;
  let db: Db;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'olympus-janitor-identity-'));
    dsn = `sqlite://${join(dir, 'olympus.db')}`;
    db = await openDatabase(dsn);
    await migrate(db, 'up');
  });
  after(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sentMessage = async (updatedAt: number): Promise<void> => {
    await db.execute(
      `INSERT INTO courier_messages (id, status, type, recipient, subject, body, template_type, send_count, due_at, created_at, updated_at)
       VALUES (?, 'sent', 'email', 'ada@example.com', 'Hi', 'body', 'recovery_code_valid', 1, ?, ?, ?)`,
      [randomUUID(), updatedAt, updatedAt, updatedAt],
    );
  };

  test('prints the identity counts; courier messages stay unless --courier is given', async () => {
    const server: ServerModule = await import('@olympus/server');
    const past = Date.now() - 60_000;
    const codes = createIdentityStorage(db).codes;
    await codes.createCode({
      id: randomUUID(), flowId: randomUUID(), kind: 'recovery', identityId: randomUUID(), address: 'ada@example.com',
      codeHash: 'hash', expiresAt: past, createdAt: past - 1000, usedAt: null,
    });
    await sentMessage(past);

    const tokensOnly = await runCli(['janitor', dsn, '--tokens'], { server });
    assert.equal(tokensOnly.code, 0, tokensOnly.stderr);
    assert.match(tokensOnly.stdout, /one-time codes\s+0\n/, '--tokens does not cover codes');
    assert.match(tokensOnly.stdout, /identity sessions\s+0\n/);

    const plain = await runCli(['janitor', dsn], { server });
    assert.match(plain.stdout, /^Deleted \(tokens, requests, grants;/);
    assert.match(plain.stdout, /one-time codes\s+1\n/);
    assert.match(plain.stdout, /courier messages\s+0\n/);

    const courier = await runCli(['janitor', dsn, '--courier'], { server });
    assert.match(courier.stdout, /^Deleted \(tokens, requests, grants, courier;/);
    assert.match(courier.stdout, /courier messages\s+1\n/);
  });
});
