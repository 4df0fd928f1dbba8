/**
 * GET /metrics on the admin origin (docs/operations/observability.md), on SQLite and PostgreSQL:
 * after a client credentials token, a password login that succeeds, one that fails and a lockout,
 * the counters moved by exactly that much; routes are labelled by pattern; no token, secret or email
 * reaches the scrape; the public origin has no /metrics.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ResponseError } from '@ory/client-fetch';
import { startTestServer, type TestServer } from './support/server.ts';
import { basic, createClient, tokenRequest } from './support/flow.ts';
import { selfService } from './support/self-service.ts';
import { parseSamples, sampleValue, type Sample } from './support/prometheus.ts';

const WRONG = 'not the right passphrase at all';
const FAILURES_BEFORE_LOCKOUT = 3;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`/metrics (${kind})`, () => {
    let olympus: TestServer;
    const steps = selfService(() => olympus.publicUrl);
    const secrets: string[] = [];
    let clientId = '';
    let scraped = '';
    let samples: Sample[] = [];

    const refusedLogin = async (email: string, password: string): Promise<void> => {
      await assert.rejects(steps.loginNatively(email, password), (err) => err instanceof ResponseError && err.response.status === 400);
    };

    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, protection: { loginFailuresBeforeLockout: FAILURES_BEFORE_LOCKOUT, lockout: 60_000 } }));
      const client = await createClient(olympus.adminUrl, { grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic' });
      clientId = client.client_id;
      const token = await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials' }, { authorization: basic(client.client_id, client.client_secret!) });
      assert.equal(token.status, 200);
      secrets.push(client.client_secret!, token.body.access_token!);
      assert.equal((await fetch(`${olympus.adminUrl}/admin/clients/${clientId}`)).status, 200);

      const { email, done } = await steps.registerNatively();
      secrets.push(email, String((done as { session_token?: string }).session_token));
      const signedIn = await steps.loginNatively(email);
      secrets.push(String(signedIn.session_token));
      await refusedLogin(email, WRONG);

      const victim = (await steps.registerNatively()).email;
      secrets.push(victim);
      for (let i = 0; i < FAILURES_BEFORE_LOCKOUT; i++) await refusedLogin(victim, WRONG);
      await refusedLogin(victim, WRONG); // refused for the lockout, before any password check

      const res = await fetch(`${olympus.adminUrl}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      scraped = await res.text();
      samples = parseSamples(scraped);
    });
    after(() => olympus?.close());

    test('tokens issued per grant type, logins by method and outcome, lockouts', () => {
      assert.equal(sampleValue(samples, 'olympus_oauth2_tokens_issued_total', { grant_type: 'client_credentials' }), 1);
      assert.equal(sampleValue(samples, 'olympus_logins_total', { method: 'password', outcome: 'success' }), 1);
      assert.equal(sampleValue(samples, 'olympus_logins_total', { method: 'password', outcome: 'refused' }), 1 + FAILURES_BEFORE_LOCKOUT);
      assert.equal(sampleValue(samples, 'olympus_logins_total', { method: 'password', outcome: 'locked_out' }), 1);
      assert.equal(sampleValue(samples, 'olympus_login_lockouts_total', { scope: 'subject' }), 1);
    });

    test('requests and their latency are labelled by origin, method, route pattern and status', () => {
      const token = { origin: 'public', method: 'POST', route: '/oauth2/token', status: '200' };
      assert.equal(sampleValue(samples, 'olympus_http_requests_total', token), 1);
      assert.equal(sampleValue(samples, 'olympus_http_request_duration_seconds_count', token), 1);
      assert.equal(sampleValue(samples, 'olympus_http_requests_total', { origin: 'admin', method: 'GET', route: '/admin/clients/:id', status: '200' }), 1);
      assert.equal(sampleValue(samples, 'olympus_http_requests_total', { origin: 'public', method: 'POST', route: '/self-service/login', status: '400' }), 2 + FAILURES_BEFORE_LOCKOUT);
      const routes = new Set(samples.filter((s) => s.name === 'olympus_http_requests_total').map((s) => s.labels.route));
      for (const route of routes) assert.ok(route === 'unmatched' || route!.startsWith('/'), route);
      assert.ok(![...routes].some((route) => route!.includes(clientId) || route!.includes('?')), 'no id or query in a route label');
    });

    test('database, group commit, courier and Node metrics are there', async () => {
      assert.equal(sampleValue(samples, 'olympus_db_connections_max'), kind === 'sqlite' ? 1 : 10);
      assert.ok(samples.some((s) => s.name === 'olympus_db_connections_in_use'));
      assert.ok(sampleValue(samples, 'olympus_db_connection_wait_seconds_count') >= 1, 'transactions waited (if only for 0 ms) for a connection');
      assert.ok(sampleValue(samples, 'olympus_db_group_commit_rows_count') >= 1, 'the token insert went through the group commit');
      assert.ok(samples.some((s) => s.name === 'olympus_courier_queue_depth' && s.labels.status === 'queued'));
      assert.equal(sampleValue(samples, 'olympus_courier_messages_sent_total'), 0, 'no SMTP configured: nothing sent');
      assert.ok(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds'), 'event-loop lag (prom-client default metrics)');
    });

    test('no token, secret or email is in the scrape', () => {
      for (const secret of secrets) assert.ok(!scraped.includes(secret), `the scrape contains ${secret.slice(0, 6)}…`);
      assert.ok(!scraped.includes(clientId), 'no client id either');
      assert.doesNotMatch(scraped, /@example\.com/);
    });

    test("Hydra's /metrics/prometheus answers the same; the public origin has no metrics", async () => {
      for (const path of ['/metrics/prometheus', '/admin/metrics/prometheus']) {
        const res = await fetch(`${olympus.adminUrl}${path}`);
        assert.equal(res.status, 200, path);
        assert.match(await res.text(), /olympus_http_requests_total/);
      }
      for (const path of ['/metrics', '/metrics/prometheus']) assert.equal((await fetch(`${olympus.publicUrl}${path}`)).status, 404, path);
    });

    test('a path no route matches is counted under one label, not its URL', async () => {
      await fetch(`${olympus.publicUrl}/no/such/path/ory_at_not-a-token`);
      const after = parseSamples(await (await fetch(`${olympus.adminUrl}/metrics`)).text());
      assert.ok(sampleValue(after, 'olympus_http_requests_total', { origin: 'public', route: 'unmatched', status: '404' }) >= 1);
      assert.ok(!after.some((s) => Object.values(s.labels).some((v) => v.includes('ory_at_not-a-token'))));
    });
  });
}

describe('/metrics behind the admin API keys', () => {
  const KEY = 'm'.repeat(40);
  let olympus: TestServer;
  before(async () => {
    olympus = await startTestServer('sqlite', (c) => ({ ...c, serve: { ...c.serve, admin: { ...c.serve.admin, apiKeys: [KEY] } } }));
  });
  after(() => olympus?.close());

  test('like the JSON admin API: 401 without a key, 200 with one', async () => {
    for (const path of ['/metrics', '/metrics/prometheus', '/admin/metrics/prometheus']) {
      assert.equal((await fetch(`${olympus.adminUrl}${path}`)).status, 401, path);
      assert.equal((await fetch(`${olympus.adminUrl}${path}`, { headers: { authorization: `Bearer ${KEY}` } })).status, 200, path);
    }
  });
});
