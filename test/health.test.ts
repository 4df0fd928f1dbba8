/**
 * Health, version and request ids on both origins (docs/architecture.md §5: every response carries
 * X-Request-Id, errors included), on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';

const ADMIN_KEY = 'k'.repeat(40);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A raw request, so paths that fetch would normalise (e.g. a bad %-escape) reach the server as written. */
const rawGet = (base: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`health, version and request ids (${kind})`, () => {
    let olympus: TestServer;
    let origins: Array<[string, string]>;
    before(async () => {
      olympus = await startTestServer(kind);
      origins = [['public', olympus.publicUrl], ['admin', olympus.adminUrl]];
    });
    after(() => olympus?.close());

    test('/health/alive, /health/ready and /version answer 200 on both origins', async () => {
      for (const [name, base] of origins) {
        for (const path of ['/health/alive', '/health/ready']) {
          const res = await fetch(`${base}${path}`);
          assert.equal(res.status, 200, `${name} ${path}`);
          assert.deepEqual(await res.json(), { status: 'ok' });
        }
        const version = await fetch(`${base}/version`);
        assert.equal(version.status, 200, `${name} /version`);
        const body = (await version.json()) as { version: unknown };
        assert.equal(typeof body.version, 'string');
        assert.ok((body.version as string).length > 0);
      }
    });

    test('successes, 404s and errors all carry a fresh X-Request-Id on both origins', async () => {
      const requests: Array<[string, string, RequestInit?]> = [
        ['public', `${olympus.publicUrl}/.well-known/openid-configuration`],
        ['public', `${olympus.publicUrl}/no/such/path`],
        ['public', `${olympus.publicUrl}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
        ['public', `${olympus.publicUrl}/oauth2/auth?client_id=nobody&response_type=code`],
        ['public', `${olympus.publicUrl}/oauth2/token`, { method: 'OPTIONS', headers: { origin: 'https://x.example', 'access-control-request-method': 'POST' } }],
        ['admin', `${olympus.adminUrl}/admin/clients`],
        ['admin', `${olympus.adminUrl}/admin/clients/nobody`],
        ['admin', `${olympus.adminUrl}/no/such/path`],
        ['admin', `${olympus.adminUrl}/admin/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' }],
        ['admin', `${olympus.adminUrl}/admin/oauth2/auth/requests/login?login_challenge=forged`],
      ];
      const seen = new Set<string>();
      for (const [name, url, init] of requests) {
        const res = await fetch(url, { ...init, redirect: 'manual' });
        await res.arrayBuffer();
        const id = res.headers.get('x-request-id');
        assert.match(id ?? '', UUID, `${name} ${init?.method ?? 'GET'} ${url} → ${res.status} has an X-Request-Id`);
        seen.add(id!);
      }
      assert.equal(seen.size, requests.length, 'every request gets its own id');
    });

    test('the HTML error page shows the same request id as the header', async () => {
      const res = await fetch(`${olympus.publicUrl}/oauth2/auth?client_id=nobody&response_type=code`, { headers: { 'x-request-id': 'page-check-1' } });
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(res.headers.get('x-request-id'), 'page-check-1');
      assert.match(await res.text(), /id="request-id">page-check-1</);
    });

    test('a URL that cannot be decoded still gets an OAuth2 error with X-Request-Id', async () => {
      for (const [name, base] of origins) {
        const res = await rawGet(base, '/%zz');
        assert.equal(res.status, 400, name);
        assert.match(String(res.headers['x-request-id']), UUID, name);
        assert.equal((JSON.parse(res.body) as { error: string }).error, 'invalid_request', name);
      }
    });

    test('a sane incoming X-Request-Id is echoed; anything else is replaced', async () => {
      for (const [name, base] of origins) {
        for (const path of ['/health/alive', '/no/such/path']) {
          const sane = await fetch(`${base}${path}`, { headers: { 'x-request-id': 'lb-7f3a.2:x_y' } });
          await sane.arrayBuffer();
          assert.equal(sane.headers.get('x-request-id'), 'lb-7f3a.2:x_y', `${name} ${path}`);
        }
        for (const insane of ['has space', 'a'.repeat(129), '<script>', 'semi;colon']) {
          const res = await fetch(`${base}/health/alive`, { headers: { 'x-request-id': insane } });
          await res.arrayBuffer();
          assert.match(res.headers.get('x-request-id') ?? '', UUID, `${name} replaces ${JSON.stringify(insane.slice(0, 20))}`);
        }
      }
    });
  });

  describe(`request ids behind the admin API key (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, serve: { ...c.serve, admin: { ...c.serve.admin, apiKeys: [ADMIN_KEY] } } }));
    });
    after(() => olympus?.close());

    test('health stays open, a refused admin call still carries X-Request-Id', async () => {
      for (const path of ['/health/alive', '/health/ready', '/version', '/health/ready?probe=k8s', '/version?format=json']) {
        const res = await fetch(`${olympus.adminUrl}${path}`);
        await res.arrayBuffer();
        assert.equal(res.status, 200, path);
      }
      const refused = await fetch(`${olympus.adminUrl}/admin/clients`, { headers: { 'x-request-id': 'no-key-1' } });
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('x-request-id'), 'no-key-1');
      assert.equal(((await refused.json()) as { error: string }).error, 'invalid_client');
      const allowed = await fetch(`${olympus.adminUrl}/admin/clients`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      assert.equal(allowed.status, 200);
      assert.match(allowed.headers.get('x-request-id') ?? '', UUID);
    });
  });
}
