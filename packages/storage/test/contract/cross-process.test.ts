import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createOAuth2Storage, migrate, migrationStatus, openDatabase, type Db } from '@olympus/storage';
import type { OAuth2Storage } from '@olympus/oauth2';
import { freshDsn, type DatabaseKind } from '../../../../test/support/databases.ts';
import { accessToken, code, grantSession, refreshToken, storedClient, tally, uid } from './fixtures.ts';

/** The Node that runs this test (the pinned one under npm test): the children run the same TypeScript. */
const NODE = process.execPath;
const CHILD = fileURLToPath(new URL('./race-child.ts', import.meta.url));
const PROCESSES = 4;
const ITEMS = 25;

/** Starts the children, releases them together once all are connected, returns their statuses. */
const race = async <T = string>(dsn: string, kind: string, signatures: string[]): Promise<T[][]> => {
  const children = Array.from({ length: PROCESSES }, () =>
    spawn(NODE, [CHILD, dsn, kind, ...signatures], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = children.map((child) => {
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, lines, exited };
  });
  for (const { lines } of outputs) assert.equal((await lines.next()).value, 'ready');
  for (const { child } of outputs) child.stdin.write('go\n');
  const results: T[][] = [];
  for (const { lines, exited, child } of outputs) {
    results.push(JSON.parse((await lines.next()).value as string) as T[]);
    child.stdin.end();
    assert.equal(await exited, 0);
  }
  return results;
};

/** Per item, across all processes: exactly one consumed, the rest already_used. */
const assertOneWinnerEach = (results: string[][]) => {
  for (let i = 0; i < ITEMS; i++) {
    assert.deepEqual(tally(results.map((r) => r[i]!)), { consumed: 1, already_used: PROCESSES - 1 }, `item ${i}`);
  }
};

const kinds: DatabaseKind[] = ['postgres', 'sqlite'];

for (const kind of kinds) {
  test(`${PROCESSES} processes migrating one fresh database at once apply each migration exactly once [${kind}]`, async () => {
    const dsn = await freshDsn(kind);
    const applied = (await race<number>(dsn, 'migrate', [])).flat().sort((a, b) => a - b);
    const db = await openDatabase(dsn);
    try {
      const status = await migrationStatus(db);
      assert.deepEqual(applied, status.map((m) => m.version));
      assert.ok(status.every((m) => m.applied));
    } finally {
      await db.close();
    }
  });

  describe(`single use across ${PROCESSES} processes [${kind}]`, () => {
    let dsn: string;
    let db: Db;
    let storage: OAuth2Storage;
    let clientId: string;
    before(async () => {
      dsn = await freshDsn(kind);
      db = await openDatabase(dsn);
      await migrate(db, 'up');
      storage = createOAuth2Storage(db);
      const client = storedClient();
      await storage.clients.createClient(client);
      clientId = client.client.client_id;
    });
    after(() => db?.close());

    test('each authorization code is consumed by exactly one process', async () => {
      const codes = Array.from({ length: ITEMS }, () => code(grantSession(clientId)));
      for (const c of codes) await storage.tokens.createAuthorizationCode(c);
      assertOneWinnerEach(await race(dsn, 'code', codes.map((c) => c.signature)));
    });

    test('each refresh token is consumed by exactly one process', async () => {
      const tokens = Array.from({ length: ITEMS }, () => {
        const session = grantSession(clientId);
        return refreshToken(session, accessToken(session).signature);
      });
      for (const t of tokens) await storage.tokens.createRefreshToken(t);
      assertOneWinnerEach(await race(dsn, 'refresh', tokens.map((t) => t.signature)));
    });

    test('each jti is accepted by exactly one process', async () => {
      assertOneWinnerEach(await race(dsn, 'jti', Array.from({ length: ITEMS }, () => uid('jti'))));
    });
  });
}
