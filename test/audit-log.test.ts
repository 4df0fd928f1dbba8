/**
 * Reading the audit log: GET /admin/audit-events filters and pages on both databases, an API key
 * caller is named by its key's derived name (never the key), `olympus list audit-events` prints it,
 * and a failing append leaves the change a success (docs/operations/audit.md, docs/security.md AS-46).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { admin, assertNoSecret, auditLog, auditTable } from './support/audit.ts';

const run = promisify(execFile);
const CLI = new URL('../apps/cli/src/main.ts', import.meta.url).pathname;
const API_KEY = 'an-admin-api-key-of-at-least-32-characters';
const KEY_NAME = `key-${createHash('sha256').update(API_KEY).digest('hex').slice(0, 8)}`;
const CLIENT = { redirect_uris: ['https://app.example/cb'], scope: 'openid' };

const nextToken = (link: string): string | undefined => {
  const next = /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
  return next === undefined ? undefined : new URL(next, 'http://x').searchParams.get('page_token') ?? undefined;
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`listing the audit log (${kind})`, () => {
    let olympus: TestServer;
    const ids: string[] = [];
    before(async () => {
      olympus = await startTestServer(kind);
      for (const name of ['one', 'two', 'three']) ids.push((await admin(olympus, 'POST', '/admin/clients', { ...CLIENT, client_name: name })).body.client_id);
      await admin(olympus, 'PATCH', `/admin/clients/${ids[0]}`, [{ op: 'replace', path: '/client_name', value: 'uno' }]);
      await admin(olympus, 'POST', `/admin/clients/${ids[1]}/secrets/rotate`);
      await admin(olympus, 'DELETE', `/admin/clients/${ids[2]}`);
    });
    after(() => olympus?.close());

    test('newest first in pages of page_size, linked by a sealed page token that carries the filters', async () => {
      const first = await auditLog(olympus, { page_size: '4' });
      assert.deepEqual(first.events.map((e) => e.action), ['client.delete', 'client.secret.rotate', 'client.update', 'client.create']);
      assert.match(first.link, /rel="first"/);
      const token = nextToken(first.link);
      assert.ok(token, first.link);
      const second = await auditLog(olympus, { page_size: '4', page_token: token });
      assert.deepEqual(second.events.map((e) => e.action), ['client.create', 'client.create']);
      assert.equal(nextToken(second.link), undefined);
      assert.deepEqual([...first.events, ...second.events].filter((e) => e.action === 'client.create').map((e) => e.target.id), [ids[2], ids[1], ids[0]]);

      const filtered = await auditLog(olympus, { action: 'client.create', page_size: '1' });
      assert.match(filtered.link, /action=client.create/);
      const rest = await auditLog(olympus, { action: 'client.create', page_size: '5', page_token: nextToken(filtered.link)! });
      assert.deepEqual([...filtered.events, ...rest.events].map((e) => e.target.id), [ids[2], ids[1], ids[0]]);
    });

    test('filters: target, target type, actor, a whole action or a family', async () => {
      assert.deepEqual((await auditLog(olympus, { target: ids[0]! })).events.map((e) => e.action), ['client.update', 'client.create']);
      assert.deepEqual((await auditLog(olympus, { action: 'client.secret' })).events.map((e) => e.target.id), [ids[1]]);
      assert.equal((await auditLog(olympus, { action: 'client' })).events.length, 6);
      assert.equal((await auditLog(olympus, { action: 'client.*' })).events.length, 6);
      assert.equal((await auditLog(olympus, { actor: 'local', target_type: 'client' })).events.length, 6);
      assert.deepEqual((await auditLog(olympus, { actor: KEY_NAME })).events, []);
      assert.deepEqual((await auditLog(olympus, { target_type: 'identity' })).events, []);
    });

    test('a malformed filter, page size or page token is a 400, never a 500', async () => {
      for (const query of ['action=client%25', 'action=Client', 'page_size=0', 'page_token=forged', 'actor=a&actor=b']) {
        const res = await fetch(`${olympus.adminUrl}/admin/audit-events?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal((await res.json()).error, 'invalid_request', query);
      }
    });

    test('olympus list audit-events prints a table, and JSON with --format json', async () => {
      const cli = (...args: string[]) => run(process.execPath, [CLI, 'list', 'audit-events', ...args, '--endpoint', olympus.adminUrl]);
      const table = (await cli('--target', ids[0]!)).stdout;
      assert.match(table, /^TIME\s+ACTOR\s+ACTION\s+TARGET\s+CHANGED\s+REQUEST ID\n/);
      assert.match(table, new RegExp(`local\\s+client\\.update\\s+client ${ids[0]} \\(uno\\)\\s+/client_name, /updated_at`));
      const json = JSON.parse((await cli('--action', 'client.secret', '--actor', 'local', '--format', 'json')).stdout);
      assert.deepEqual(json.items.map((e: { action: string }) => e.action), ['client.secret.rotate']);
      assert.equal(json.next_page_token, '');
    });
  });
}

describe('the audit log behind admin API keys', () => {
  let olympus: TestServer;
  before(async () => {
    olympus = await startTestServer('sqlite', (c) => ({ ...c, serve: { ...c.serve, admin: { ...c.serve.admin, apiKeys: [API_KEY] } } }));
  });
  after(() => olympus?.close());
  const auth = { authorization: `Bearer ${API_KEY}` };

  test("AS-46: a caller with an API key is recorded under the key's derived name, never the key; the list needs a key too", async () => {
    const created = await admin(olympus, 'POST', '/admin/clients', CLIENT, auth);
    assert.equal(created.status, 201);
    const { events, raw } = await auditLog(olympus, { actor: KEY_NAME }, auth);
    assert.deepEqual(events.map((e) => [e.action, e.target.id]), [['client.create', created.body.client_id]]);
    assert.deepEqual(events[0].actor, { kind: 'api_key', id: KEY_NAME, label: KEY_NAME });
    assertNoSecret([API_KEY, created.body.client_secret], raw, await auditTable(olympus));
    assert.equal((await fetch(`${olympus.adminUrl}/admin/audit-events`)).status, 401);

    const { stdout } = await run(process.execPath, [CLI, 'list', 'audit-events', '--format', 'json', '--endpoint', olympus.adminUrl], {
      env: { ...process.env, OLYMPUS_ADMIN_API_KEY: API_KEY },
    });
    assert.equal(JSON.parse(stdout).items[0].actor.id, KEY_NAME);
  });
});

describe('an audit log that cannot be written', () => {
  let olympus: TestServer;
  before(async () => (olympus = await startTestServer('sqlite')));
  after(() => olympus?.close());

  test('the change still answers its success, and the failure is logged at error level', async () => {
    await olympus.server.db.exec('DROP TABLE audit_events');
    const created = await admin(olympus, 'POST', '/admin/clients', { ...CLIENT, client_name: 'unlogged' });
    assert.equal(created.status, 201);
    assert.equal((await admin(olympus, 'GET', `/admin/clients/${created.body.client_id}`)).body.client_name, 'unlogged');
    const line = olympus.logs.find((l) => l.msg === 'the audit event of a change that succeeded could not be recorded');
    assert.ok(line, 'an error line names the lost event');
    assert.equal(line.level, 50);
    assert.deepEqual([line.audit_action, line.target_id, line.req_id ?? line.reqId], ['client.create', created.body.client_id, created.requestId]);
  });
});
