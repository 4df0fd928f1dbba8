/**
 * `olympus janitor`: flags as hydra spells them, forwarded to the server module; then real runs
 * against a temporary SQLite database, through the real @olympus/server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createOAuth2Storage, migrate, openDatabase, type Db } from '@olympus/storage';
import type { OAuth2Storage } from '@olympus/oauth2';
import { runCli } from './helpers/capture-io.ts';
import type { JanitorCommandOptions, ServerModule } from '../src/server/server-module.ts';
import { accessToken, flow, grantSession, refreshToken, storedClient, uid } from '../../../packages/storage/test/contract/fixtures.ts';

const recordingServer = () => {
  const calls: JanitorCommandOptions[] = [];
  const server = {
    janitorCommand: async (opts: JanitorCommandOptions) => {
      calls.push(opts);
      return 'cleaned';
    },
  } as unknown as ServerModule;
  return { server, calls };
};

const DEFAULTS = { dev: false, tokens: false, requests: false, grants: false, keepIfYoungerMs: 0, limit: 10_000, batchSize: 100 };

describe('janitor flags', () => {
  test("hydra's flags are forwarded: kinds, --keep-if-younger as a duration, --limit, --batch-size, the DSN argument", async () => {
    const fake = recordingServer();
    const result = await runCli(
      ['janitor', 'postgres://db/olympus', '--tokens', '--grants', '--keep-if-younger', '1h30m', '--limit', '500', '--batch-size', '50'],
      { server: fake.server },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'cleaned\n');
    assert.deepEqual(fake.calls, [{
      ...DEFAULTS, dsn: 'postgres://db/olympus', tokens: true, grants: true, keepIfYoungerMs: 5_400_000, limit: 500, batchSize: 50,
    }]);
  });

  test('-e reads $OLYMPUS_DSN; --dsn and -c are forwarded; defaults are limit 10000, batch 100, keep nothing younger', async () => {
    const fake = recordingServer();
    assert.equal((await runCli(['janitor', '-e'], { server: fake.server, env: { OLYMPUS_DSN: 'sqlite://data/a.db' } })).code, 0);
    assert.equal((await runCli(['janitor', '--dsn', 'sqlite://data/b.db', '-c', 'o.yml'], { server: fake.server })).code, 0);
    assert.deepEqual(fake.calls, [
      { ...DEFAULTS, dsn: 'sqlite://data/a.db' },
      { ...DEFAULTS, dsn: 'sqlite://data/b.db', configPath: 'o.yml' },
    ]);
  });

  test('bad flags are usage errors (exit 2) and the server is never loaded', async () => {
    const fake = recordingServer();
    const cases: Array<[string[], RegExp]> = [
      [['janitor', '--keep-if-younger', 'yesterday'], /--keep-if-younger needs a duration/],
      [['janitor', '--limit', '10', '--batch-size', '20'], /--batch-size \(20\) must not be greater than --limit \(10\)/],
      [['janitor', '--limit', '0'], /--limit needs a whole number ≥ 1/],
      [['janitor', '-e'], /needs \$OLYMPUS_DSN/],
      [['janitor', 'a', 'b'], /unexpected argument "b"/],
    ];
    for (const [argv, message] of cases) {
      const result = await runCli(argv, { server: fake.server });
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, message);
    }
    assert.deepEqual(fake.calls, []);
  });

  test("hydra's lifespan flags are accepted with a note that they change nothing", async () => {
    const fake = recordingServer();
    const result = await runCli(['janitor', 'memory', '--access-lifespan', '1h'], { server: fake.server });
    assert.equal(result.code, 0);
    assert.match(result.stderr, /--access-lifespan ignored/);
    assert.equal(fake.calls.length, 1);
  });

  test('janitor --help lists the flags with their defaults', async () => {
    const help = await runCli(['janitor', '--help']);
    assert.match(help.stdout, /^Usage: olympus janitor \[<dsn>\] \[flags\]/);
    assert.match(help.stdout, /--limit <n>\s+at most this many rows per table in one run \(default: 10000\)/);
    assert.match(help.stdout, /--batch-size <n>.*\(default: 100\)/);
  });
});

describe('janitor against a temporary SQLite database', () => {
  let dir: string;
  let dsn: string;
  let db: Db;
  let storage: OAuth2Storage;
  let server: ServerModule;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'olympus-janitor-'));
    dsn = `sqlite://${join(dir, 'olympus.db')}`;
    db = await openDatabase(dsn);
    await migrate(db, 'up');
    storage = createOAuth2Storage(db);
    server = await import('@olympus/server');
  });
  after(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('deletes what expired, keeps the rest, and prints the counts; --keep-if-younger holds back recent expiry', async () => {
    const client = storedClient();
    await storage.clients.createClient(client);
    const session = grantSession(client.client.client_id);
    const now = Date.now();
    const expiredAt = accessToken(session, { expiresAt: now - 60_000 });
    const liveAt = accessToken(session, { expiresAt: now + 900_000 });
    const usedRt = refreshToken(session, liveAt.signature, { usedAt: now - 1000, expiresAt: now + 3_600_000 });
    const stale = flow(client.client.client_id, { expiresAt: now - 60_000 });
    for (const at of [expiredAt, liveAt]) await storage.tokens.createAccessToken(at);
    await storage.tokens.createRefreshToken(usedRt);
    await storage.flows.createFlow(stale);

    const held = await runCli(['janitor', dsn, '--keep-if-younger', '1h'], { server });
    assert.equal(held.code, 0, held.stderr);
    assert.match(held.stdout, /access tokens\s+0\n/);
    assert.ok(await storage.tokens.getAccessToken(expiredAt.signature), 'expired a minute ago: younger than 1h, kept');

    const run = await runCli(['janitor', dsn], { server });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Deleted \(tokens, requests, grants; expired or revoked before \d{4}-\d\d-\d\dT/);
    assert.match(run.stdout, /access tokens\s+1\n/);
    assert.match(run.stdout, /refresh tokens\s+0\n/);
    assert.match(run.stdout, /login\/consent flows\s+1\n/);
    assert.equal(await storage.tokens.getAccessToken(expiredAt.signature), undefined);
    assert.equal(await storage.flows.getFlow(stale.id), undefined);
    assert.ok(await storage.tokens.getAccessToken(liveAt.signature));
    assert.equal((await storage.tokens.consumeRefreshToken(usedRt.signature, Date.now(), 0)).status, 'already_used');
  });

  test('--requests alone leaves tokens; a limit that is reached says so', async () => {
    const client = storedClient();
    await storage.clients.createClient(client);
    const session = grantSession(client.client.client_id);
    for (let i = 0; i < 3; i++) await storage.tokens.createAccessToken(accessToken(session, { expiresAt: Date.now() - 1000 }));
    const only = await runCli(['janitor', dsn, '--requests'], { server });
    assert.match(only.stdout, /^Deleted \(requests;/);
    assert.match(only.stdout, /access tokens\s+0\n/);
    const capped = await runCli(['janitor', dsn, '--tokens', '--limit', '2', '--batch-size', '1'], { server });
    assert.match(capped.stdout, /access tokens\s+2\n/);
    assert.match(capped.stdout, /limit of 2 rows was reached for access tokens: run the janitor again/);
    const rest = await runCli(['janitor', dsn, '--tokens'], { server });
    assert.match(rest.stdout, /access tokens\s+1\n/);
  });

  test('an unmigrated database is refused with the fix', async () => {
    const empty = `sqlite://${join(dir, `empty-${uid('db')}.db`)}`;
    const result = await runCli(['janitor', empty], { server });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /\(\d+ migration\(s\) pending\)\. Run "olympus migrate up" first/);
  });
});
