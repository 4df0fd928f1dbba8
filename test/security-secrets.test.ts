/**
 * docs/security.md §1.6 and §1.9: what the database holds (AS-27, AS-43), constant-time comparison
 * (AS-28) and tamper-proof page tokens (AS-44), against a real Olympus on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { after, before, describe, mock, test } from 'node:test';
import { constantTimeEqual } from '@olympus/crypto';
import { startTestServer, type TestServer } from './support/server.ts';
import { createClient } from './support/flow.ts';
import { authorizeFully, obtainTokens } from './support/security.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const MIGRATIONS = new URL('../packages/storage/src/migrations/', import.meta.url);

/**
 * Every table the migrations of this dialect leave: shared NNNN_name.sql files and the dialect's own,
 * in order: CREATE TABLE adds a name, DROP TABLE removes it, a rename (a table rebuilt under a new name) moves it.
 */
const migratedTables = (dialect: 'sqlite' | 'postgres'): string[] => {
  const tables = new Set<string>();
  const files = readdirSync(MIGRATIONS).filter((f) => /^\d{4}_\w+\.sql$/.test(f) || f.endsWith(`.${dialect}.sql`)).sort();
  for (const f of files) {
    const sql = readFileSync(new URL(f, MIGRATIONS), 'utf8');
    for (const m of sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)|DROP TABLE (?:IF EXISTS )?(\w+)|ALTER TABLE (\w+) RENAME TO (\w+)/gi)) {
      if (m[1]) tables.add(m[1]);
      else if (m[2]) tables.delete(m[2]);
      else if (tables.delete(m[3])) tables.add(m[4]);
    }
  }
  return [...tables];
};

/** Every table in the database, from the catalog (so a table added later is searched too). */
const catalogTables = async (olympus: TestServer): Promise<string[]> => {
  const { db } = olympus.server;
  const rows = db.dialect === 'sqlite'
    ? await db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    : await db.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()');
  return rows.map((r) => r.name);
};

/** Every value of every row of every table, as one searchable text. */
const dumpDatabase = async (olympus: TestServer): Promise<string> => {
  const parts: string[] = [];
  for (const table of await catalogTables(olympus)) {
    const rows = await olympus.server.db.query(`SELECT * FROM ${table}`);
    for (const row of rows) parts.push(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v)));
  }
  return parts.join('\n');
};

/** The random part of an opaque `ory_xx_…` token, for a search that also finds it without the prefix. */
const randomPart = (token: string): string => token.replace(/^ory_[a-z]{2}_/, '');

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`security: secrets at rest and page tokens (${kind})`, () => {
    let olympus: TestServer;
    let client: { client_id: string; client_secret?: string };
    before(async () => {
      olympus = await startTestServer(kind);
      client = await createClient(olympus.adminUrl, { grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access', redirect_uris: [REDIRECT] });
    });
    after(() => olympus?.close());

    // AS-27/AS-43: Hydra's model — only keyed hashes of secrets and tokens are stored; a dump yields nothing usable.
    test('AS-27/43: the database holds neither the client secret nor any live token, code or refresh token', async () => {
      const chosen = await createClient(olympus.adminUrl, {
        redirect_uris: [REDIRECT], client_secret: 'a-caller-chosen-secret-that-is-long-enough-1234',
      });
      const tokens = await obtainTokens(olympus, client, REDIRECT);
      const { code: liveCode } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT });
      const expected = migratedTables(olympus.server.db.dialect);
      const present = await catalogTables(olympus);
      assert.ok(expected.length >= 8, `tables from the migrations: ${expected.join(', ')}`);
      for (const table of expected) assert.ok(present.includes(table), `${table} exists`);

      const dump = await dumpDatabase(olympus);
      assert.ok(dump.includes(client.client_id), 'control: the dump does contain the data (client ids)');
      const secrets: Record<string, string> = {
        'generated client secret': client.client_secret!,
        'chosen client secret': chosen.client_secret!,
        'access token': tokens.access_token,
        'access token (random part)': randomPart(tokens.access_token),
        'refresh token': tokens.refresh_token,
        'refresh token (random part)': randomPart(tokens.refresh_token),
        'unredeemed code': liveCode,
        'unredeemed code (random part)': randomPart(liveCode),
      };
      for (const [what, value] of Object.entries(secrets)) {
        assert.ok(value && value.length >= 32, `${what} is a real value`);
        assert.ok(!dump.includes(value), `the database contains the ${what}`);
      }
    });

    // AS-27: the secret is shown once, at creation; reads never return it.
    test('AS-27: the client secret is returned at creation only, never by GET or list', async () => {
      assert.ok(client.client_secret);
      const one = await (await fetch(`${olympus.adminUrl}/admin/clients/${client.client_id}`)).text();
      const list = await (await fetch(`${olympus.adminUrl}/admin/clients`)).text();
      for (const body of [one, list]) {
        assert.ok(body.includes(client.client_id));
        assert.ok(!body.includes(client.client_secret!));
      }
    });

    // AS-44: Hydra's forged pagination tokens — a flipped byte, a foreign token or garbage is a 400, never a 500.
    test('AS-44: a tampered, foreign or garbage page_token → 400 invalid_request, never 500', async () => {
      for (let i = 0; i < 3; i++) await createClient(olympus.adminUrl, { redirect_uris: [REDIRECT], client_name: `page-${i}` });
      const first = await fetch(`${olympus.adminUrl}/admin/clients?page_size=1`);
      assert.equal(first.status, 200);
      const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
      assert.ok(next, 'a next link');
      const token = new URL(next, olympus.adminUrl).searchParams.get('page_token')!;
      const ok = await fetch(`${olympus.adminUrl}/admin/clients?page_size=1&page_token=${encodeURIComponent(token)}`);
      assert.equal(ok.status, 200, 'control: the untouched token works');

      const at = Math.floor(token.length / 2);
      const flipped = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      const foreign = olympus.server.ctx.sealer.seal(JSON.stringify({ createdAt: '1970-01-01T00:00:00Z', id: "x' OR 1=1 --" }), 'page:sessions');
      for (const bad of [flipped, token.slice(0, -1), `${token}A`, foreign, "' OR 1=1 --", 'A'.repeat(4096)]) {
        const res = await fetch(`${olympus.adminUrl}/admin/clients?page_size=1&page_token=${encodeURIComponent(bad)}`);
        assert.equal(res.status, 400, bad.slice(0, 40));
        assert.equal((await res.json()).error, 'invalid_request');
      }
    });
  });
}

describe('security: constant-time comparison', () => {
  // AS-28: ASVS 5.0 11.2.4 — the comparison is correct for equal, unequal and different-length inputs.
  test('AS-28: constantTimeEqual is correct for equal, unequal and different-length inputs', () => {
    assert.equal(constantTimeEqual('', ''), true);
    assert.equal(constantTimeEqual('secret-value', 'secret-value'), true);
    assert.equal(constantTimeEqual('é🙂', 'é🙂'), true);
    assert.equal(constantTimeEqual('secret-value', 'secret-valuE'), false);
    assert.equal(constantTimeEqual('secret-value', 'Secret-value'), false);
    assert.equal(constantTimeEqual('secret-value', 'secret-value-'), false);
    assert.equal(constantTimeEqual('secret', ''), false);
    assert.equal(constantTimeEqual('', 'secret'), false);
  });

  // AS-28: the comparison goes through crypto.timingSafeEqual, also when the lengths differ.
  test('AS-28: constantTimeEqual compares through crypto.timingSafeEqual', () => {
    const spy = mock.method(crypto, 'timingSafeEqual');
    syncBuiltinESMExports();
    try {
      constantTimeEqual('abc', 'abc');
      constantTimeEqual('abc', 'abd');
      constantTimeEqual('abc', 'a-much-longer-value');
      assert.equal(spy.mock.callCount(), 3);
    } finally {
      spy.mock.restore();
      syncBuiltinESMExports();
    }
  });
});
