/**
 * `olympus list audit-events` against a fake admin API (the filters become query parameters, the
 * next page token comes from the Link header), and the janitor's audit flags forwarded to the server.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeApi, type FakeApi } from './helpers/fake-api.ts';
import { runCli } from './helpers/capture-io.ts';
import type { JanitorCommandOptions, ServerModule } from '../src/server/server-module.ts';

let api: FakeApi;
before(async () => (api = await startFakeApi()));
after(() => api.close());

const EVENT = {
  id: 'e1', time: '2025-06-01T10:00:00.000Z', actor: { kind: 'api_key', id: 'key-0badc0de', label: 'key-0badc0de' },
  action: 'client.update', target: { type: 'client', id: 'app-1', label: 'App' },
  diff: [{ path: '/client_name', before: 'Old', after: 'App' }], request_id: 'req-1', outcome: 'success',
};

test('filters are sent as query parameters; the table names time, actor, action, target and changed fields; JSON carries the next page token', async () => {
  api.on('GET', '/admin/audit-events', {
    body: [EVENT],
    headers: { link: '</admin/audit-events?page_size=1&page_token=tok-2>; rel="next"' },
  });
  const table = await runCli(['list', 'audit-events', '--actor', 'key-0badc0de', '--target', 'app-1', '--action', 'client', '--page-size', '1', '-e', api.url]);
  assert.equal(table.code, 0, table.stderr);
  const query = Object.fromEntries(api.requests.at(-1)!.query);
  assert.deepEqual(query, { actor: 'key-0badc0de', target: 'app-1', action: 'client', page_size: '1' });
  assert.match(table.stdout, /^TIME\s+ACTOR\s+ACTION\s+TARGET\s+CHANGED\s+REQUEST ID\n/);
  assert.match(table.stdout, /2025-06-01T10:00:00.000Z\s+key-0badc0de\s+client\.update\s+client app-1 \(App\)\s+\/client_name\s+req-1\n/);
  assert.match(table.stdout, /NEXT PAGE TOKEN {2}tok-2/);

  const json = await runCli(['list', 'audit-events', '--target-type', 'client', '--format', 'json', '-e', api.url]);
  assert.deepEqual(JSON.parse(json.stdout), { items: [EVENT], next_page_token: 'tok-2' });
  assert.equal(api.requests.at(-1)!.query.get('target_type'), 'client');
});

test('janitor: --audit and --audit-retention are forwarded only when given', async () => {
  const calls: JanitorCommandOptions[] = [];
  const server = { janitorCommand: async (opts: JanitorCommandOptions) => (calls.push(opts), 'ok') } as unknown as ServerModule;
  assert.equal((await runCli(['janitor', 'sqlite://data/x.db', '--audit', '--audit-retention', '720h'], { server })).code, 0);
  assert.equal((await runCli(['janitor', 'sqlite://data/x.db'], { server })).code, 0);
  assert.deepEqual([calls[0]!.audit, calls[0]!.auditRetentionMs], [true, 720 * 3_600_000]);
  assert.ok(!('audit' in calls[1]!) && !('auditRetentionMs' in calls[1]!));
  const bad = await runCli(['janitor', 'sqlite://data/x.db', '--audit-retention', 'forever'], { server });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--audit-retention needs a duration/);
});
