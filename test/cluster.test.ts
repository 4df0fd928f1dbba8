/**
 * Three Olympus nodes on one PostgreSQL behind nginx (docs/operations/deployment.md): everything that
 * holds state across requests works when consecutive requests land on different nodes. PostgreSQL
 * only: several processes share one database, which a SQLite file does not offer. Each answer names its
 * node (X-Olympus-Node), so every check states which node did what.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { openDatabase } from '@olympus/storage';
import { DEMO_EMAIL, DEMO_PASSWORD } from '@olympus/server';
import { RELOAD_INTERVAL_MS } from '../packages/oauth2/src/keys/cache.ts';
import { startCallbackApp, type CallbackApp } from './support/callback-app.ts';
import { launchBrowser } from './support/chromium.ts';
import { NODE_HEADER, startCluster, type Cluster } from './support/cluster.ts';
import { call, within } from './support/cluster-http.ts';
import { startSmtp } from './support/smtp.ts';
import { authorizeUrl, basic, createClient, obtainCode, pkcePair } from './support/flow.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FAILURES_BEFORE_LOCKOUT = 3;
const LOCKED = 4010901;
const PASSWORD = 'a perfectly long passphrase 7';
/** How often a node re-reads the clients' CORS origins (packages/http/src/cors.ts). */
const CORS_REFRESH_MS = 10_000;

const directPublic = (cluster: Cluster, index: number) => `http://127.0.0.1:${cluster.nodes[index].publicPort}`;
const directAdmin = (cluster: Cluster, index: number) => `http://127.0.0.1:${cluster.nodes[index].adminPort}`;
const freshEmail = () => `user-${randomUUID().slice(0, 8)}@example.com`;

describe('three nodes behind nginx on one database (PostgreSQL only)', () => {
  let cluster: Cluster;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  before(async () => {
    smtp = await startSmtp();
    cluster = await startCluster({
      config: {
        protection: { login: { failures_before_lockout: FAILURES_BEFORE_LOCKOUT, lockout: '1m' } },
        courier: { smtp: { connection_uri: smtp.uri } },
      },
    });
  });
  after(async () => {
    await cluster?.stop();
    await smtp?.close();
  });

  test('round robin without stickiness: consecutive requests land on different nodes, on both origins', async () => {
    for (const origin of [cluster.publicUrl, cluster.adminUrl]) {
      const nodes = [];
      for (let i = 0; i < 6; i++) nodes.push((await call(`${origin}/health/ready`)).node);
      assert.equal(new Set(nodes).size, 3, nodes.join(' '));
      for (let i = 1; i < nodes.length; i++) assert.notEqual(nodes[i], nodes[i - 1], nodes.join(' '));
    }
  });

  test('behind nginx, X-Forwarded-For names the client (serve.trusted_proxies): a session records that address', async () => {
    const email = freshEmail();
    await call(`${cluster.adminUrl}/admin/identities`, { json: { schema_id: 'default', traits: { email }, credentials: { password: { config: { password: PASSWORD } } } } });
    const flow = await call(`${cluster.publicUrl}/self-service/login/api`);
    const done = await call(`${cluster.publicUrl}/self-service/login?flow=${flow.body.id}`, {
      json: { method: 'password', identifier: email, password: PASSWORD }, headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(done.body.session.devices.map((d: { ip_address: string }) => d.ip_address), ['203.0.113.7']);
  });

  describe('the login chain in Chromium, each hop on another node', () => {
    let browser: Browser;
    let app: CallbackApp;
    before(async () => {
      browser = await launchBrowser();
      app = await startCallbackApp();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
    });

    test('authorize → Hera login → consent → callback, code exchanged: every navigation hop on another node than the one before', async () => {
      const { client_id } = await createClient(cluster.adminUrl, {
        client_name: 'Cluster app', token_endpoint_auth_method: 'none', redirect_uris: [app.callbackUrl], scope: 'openid email',
        grant_types: ['authorization_code'], response_types: ['code'],
      });
      const context = await browser.newContext();
      // Styles, scripts and icons hold no state: served by node 1 directly, so only the chain's own requests go round robin.
      await context.route(`${cluster.publicUrl}/**`, async (route) => {
        if (['document', 'fetch', 'xhr'].includes(route.request().resourceType())) return route.continue();
        return route.fulfill({ response: await route.fetch({ url: route.request().url().replace(cluster.publicUrl, directPublic(cluster, 0)) }) });
      });
      const hops: Array<{ path: string; status: number; node: string }> = [];
      const page = await context.newPage();
      page.on('response', (response) => {
        if (!response.url().startsWith(cluster.publicUrl) || response.request().resourceType() !== 'document') return;
        hops.push({ path: new URL(response.url()).pathname, status: response.status(), node: response.headers()[NODE_HEADER] ?? '' });
      });
      try {
        const pkce = pkcePair();
        await page.goto(authorizeUrl(cluster.publicUrl, {
          client_id, response_type: 'code', redirect_uri: app.callbackUrl, scope: 'openid email', state: 'cluster-state',
          code_challenge: pkce.challenge, code_challenge_method: 'S256',
        }));
        assert.equal(new URL(page.url()).pathname, '/login');
        await page.locator('input[name="identifier"]').fill(DEMO_EMAIL);
        await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
        await Promise.all([page.waitForURL(/\/consent\?/), page.locator('button[name="method"][value="password"]').click()]);
        await Promise.all([page.waitForURL((u) => u.toString().startsWith(app.callbackUrl)), page.getByRole('button', { name: 'Allow' }).click()]);
        const code = new URL(app.received.at(-1)!).searchParams.get('code');
        assert.ok(code, 'the callback carries a code');
        const token = await call(`${cluster.publicUrl}/oauth2/token`, {
          form: { grant_type: 'authorization_code', code, redirect_uri: app.callbackUrl, client_id, code_verifier: pkce.verifier },
        });
        assert.equal(token.status, 200, JSON.stringify(token.body));
        const chain = [...hops, { path: '/oauth2/token', status: token.status, node: token.node }];
        const described = chain.map((h) => `${h.path} ${h.status} @${h.node}`).join('\n');
        assert.ok(chain.length >= 8, `the whole chain went through nginx:\n${described}`);
        assert.ok(chain.every((h) => /^node-[123]$/.test(h.node)), described);
        for (let i = 1; i < chain.length; i++) assert.notEqual(chain[i].node, chain[i - 1].node, `hop ${i} on the node of hop ${i - 1}:\n${described}`);
        assert.equal(new Set(chain.map((h) => h.node)).size, 3, described);
      } finally {
        await context.close();
      }
    });
  });

  describe('tokens across nodes', () => {
    let client: { client_id: string; client_secret?: string };
    const redirectUri = 'http://127.0.0.1:9/cb';
    const auth = () => ({ authorization: basic(client.client_id, client.client_secret!) });
    before(async () => {
      client = await createClient(cluster.adminUrl, {
        redirect_uris: [redirectUri], scope: 'openid offline_access', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      });
    });
    const issue = async (nodeIndex: number) => {
      const { code, verifier } = await obtainCode(cluster, client.client_id, redirectUri);
      const token = await call(`${directPublic(cluster, nodeIndex)}/oauth2/token`, {
        form: { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }, headers: auth(),
      });
      assert.equal(token.status, 200, JSON.stringify(token.body));
      return token.body as { access_token: string; refresh_token: string };
    };
    const introspect = async (nodeIndex: number, token: string) =>
      (await call(`${directAdmin(cluster, nodeIndex)}/admin/oauth2/introspect`, { form: { token } })).body.active as boolean;
    const refresh = (nodeIndex: number, refreshToken: string) =>
      call(`${directPublic(cluster, nodeIndex)}/oauth2/token`, { form: { grant_type: 'refresh_token', refresh_token: refreshToken }, headers: auth() });

    test('issued on node 1, introspected on node 2, refreshed on node 3, revoked on node 2: inactive on node 1', async () => {
      const first = await issue(0);
      assert.equal(await introspect(1, first.access_token), true);
      const refreshed = await refresh(2, first.refresh_token);
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
      assert.equal(refreshed.node, 'node-3');
      assert.equal(await introspect(0, refreshed.body.access_token), true);
      const revoked = await call(`${directPublic(cluster, 1)}/oauth2/revoke`, { form: { token: refreshed.body.refresh_token }, headers: auth() });
      assert.equal(revoked.status, 200);
      for (const index of [0, 1, 2]) assert.equal(await introspect(index, refreshed.body.access_token), false, `node ${index + 1} sees the revocation`);
    });

    test('refresh-token reuse is detected across nodes: the replay on node 2 revokes the family rotated on node 1', async () => {
      const first = await issue(2);
      const rotated = await refresh(0, first.refresh_token);
      assert.equal(rotated.status, 200);
      const replay = await refresh(1, first.refresh_token);
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error, 'invalid_grant');
      const afterReplay = await refresh(2, rotated.body.refresh_token);
      assert.equal(afterReplay.status, 400, 'the whole family is revoked, on every node');
      assert.equal(await introspect(0, rotated.body.access_token), false);
    });

    test('20 parallel redemptions of one authorization code through nginx, over the 3 nodes: exactly one 200', async () => {
      const { code, verifier } = await obtainCode(cluster, client.client_id, redirectUri);
      const answers = await Promise.all(Array.from({ length: 20 }, () => call(`${cluster.publicUrl}/oauth2/token`, {
        form: { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }, headers: auth(),
      })));
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, ...Array(19).fill(400)]);
      assert.equal(new Set(answers.map((a) => a.node)).size, 3, 'the redemptions were spread over every node');
      assert.ok(answers.filter((a) => a.status === 400).every((a) => a.body.error === 'invalid_grant'));
    });
  });

  describe('shared counters', () => {
    test(`lockout: ${FAILURES_BEFORE_LOCKOUT} failed logins spread over the nodes lock the identifier on every node`, async () => {
      const email = freshEmail();
      const created = await call(`${cluster.adminUrl}/admin/identities`, {
        json: { schema_id: 'default', traits: { email }, credentials: { password: { config: { password: PASSWORD } } } },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const login = async (password: string) => {
        const flow = await call(`${cluster.publicUrl}/self-service/login/api`);
        return call(`${cluster.publicUrl}/self-service/login?flow=${flow.body.id}`, { json: { method: 'password', identifier: email, password } });
      };
      const failures = [];
      for (let i = 0; i < FAILURES_BEFORE_LOCKOUT; i++) failures.push(await login('not the right passphrase'));
      assert.ok(failures.every((f) => f.status === 400));
      assert.ok(new Set(failures.map((f) => f.node)).size >= 2, `the failures were counted on several nodes: ${failures.map((f) => f.node)}`);
      const lockedAnswers = [];
      for (let i = 0; i < 3; i++) lockedAnswers.push(await login(PASSWORD));
      assert.equal(new Set(lockedAnswers.map((a) => a.node)).size, 3, 'asked on every node');
      for (const locked of lockedAnswers) {
        assert.equal(locked.status, 400, `the right password is refused on ${locked.node}`);
        assert.deepEqual(locked.body.ui.messages.map((m: { id: number }) => m.id), [LOCKED]);
      }
    });

    test('rate limit (storage-backed): the 6th recovery code request for one address in 15 minutes is 429, whichever node counts it', async () => {
      const email = freshEmail(); // no account: no mail is sent, the request is counted all the same (ID-6)
      const answers = [];
      for (let i = 0; i < 6; i++) {
        const flow = await call(`${cluster.publicUrl}/self-service/recovery/api`);
        answers.push(await call(`${cluster.publicUrl}/self-service/recovery?flow=${flow.body.id}`, { json: { method: 'code', email } }));
      }
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200, 429]);
      assert.equal(new Set(answers.map((a) => a.node)).size, 3, `counted on every node: ${answers.map((a) => a.node)}`);
      assert.ok(Number(answers[5].headers.get('retry-after')) > 0);
    });
  });

  describe('per-node caches: a change on one node reaches the others within the documented bound', () => {
    test(`key rotation: a key created through one node is in every node's JWKS within ${RELOAD_INTERVAL_MS / 1000} s`, async () => {
      const before = await Promise.all([0, 1, 2].map(async (i) => (await call(`${directPublic(cluster, i)}/.well-known/jwks.json`)).body.keys.length));
      const created = await call(`${directAdmin(cluster, 0)}/admin/keys/hydra.openid.id-token`, { json: { alg: 'RS256', use: 'sig' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const kid = created.body.keys[0].kid as string;
      const seen = await Promise.all([0, 1, 2].map((i) => within(RELOAD_INTERVAL_MS + 1500, `node ${i + 1} publishes ${kid}`, async () => {
        const jwks = (await call(`${directPublic(cluster, i)}/.well-known/jwks.json`)).body.keys as Array<{ kid: string }>;
        return jwks.some((k) => k.kid === kid);
      })));
      assert.ok(seen[0] < 500, 'the node that made the change publishes it at once');
      assert.ok(before.every((n) => n >= 2));
    });

    test('client update and deletion on node 1 take effect on nodes 2 and 3 at once (clients are not cached)', async () => {
      const client = await createClient(directAdmin(cluster, 0), { grant_types: ['client_credentials'], scope: 'read' });
      const credentials = (index: number, scope: string) => call(`${directPublic(cluster, index)}/oauth2/token`, {
        form: { grant_type: 'client_credentials', scope }, headers: { authorization: basic(client.client_id, client.client_secret!) },
      });
      assert.equal((await credentials(1, 'write')).status, 400, 'write is not yet allowed');
      const current = await call(`${directAdmin(cluster, 0)}/admin/clients/${client.client_id}`);
      const updated = await call(`${directAdmin(cluster, 0)}/admin/clients/${client.client_id}`, { method: 'PUT', json: { ...current.body, scope: 'read write', client_secret: undefined } });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.equal((await credentials(1, 'write')).status, 200);
      assert.equal((await credentials(2, 'write')).status, 200);
      const deleted = await call(`${directAdmin(cluster, 0)}/admin/clients/${client.client_id}`, { method: 'DELETE' });
      assert.equal(deleted.status, 204);
      for (const index of [1, 2]) assert.equal((await credentials(index, 'read')).status, 401, `node ${index + 1} refuses the deleted client`);
    });

    test(`CORS: an origin added to a client on node 1 is allowed by every node within ${CORS_REFRESH_MS / 1000} s`, async () => {
      const origin = `https://spa-${randomUUID().slice(0, 8)}.example`;
      const allows = async (index: number) =>
        (await call(`${directPublic(cluster, index)}/oauth2/token`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } }))
          .headers.get('access-control-allow-origin') === origin;
      for (const index of [0, 1, 2]) assert.equal(await allows(index), false);
      await createClient(directAdmin(cluster, 0), { grant_types: ['client_credentials'], allowed_cors_origins: [origin] });
      await Promise.all([0, 1, 2].map((i) => within(CORS_REFRESH_MS + 1500, `node ${i + 1} allows ${origin}`, () => allows(i))));
    });
  });

  test('courier: one queued message, three nodes running workers, sent exactly once', async () => {
    const email = freshEmail();
    const created = await call(`${cluster.adminUrl}/admin/identities`, { json: { schema_id: 'default', traits: { email } } });
    assert.equal(created.status, 201);
    const flow = await call(`${cluster.publicUrl}/self-service/recovery/api`);
    const sent = await call(`${cluster.publicUrl}/self-service/recovery?flow=${flow.body.id}`, { json: { method: 'code', email } });
    assert.equal(sent.status, 200);
    const mine = () => smtp.received.filter((raw) => raw.includes(`To: ${email}`));
    await within(10_000, 'the recovery code is mailed', async () => mine().length > 0);
    // Three workers poll every second: give each a few more rounds to send it again, were the claim not atomic.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(mine().length, 1);
    const messages = await call(`${cluster.adminUrl}/admin/courier/messages?recipient=${encodeURIComponent(email)}`);
    assert.deepEqual((messages.body as unknown as Array<{ status: string; send_count: number }>).map((m) => [m.status, m.send_count]), [['sent', 1]]);
  });

  test('janitor: two runs at once against the cluster\'s database, no error, each expired row deleted once', async () => {
    const client = await createClient(cluster.adminUrl, { grant_types: ['client_credentials'] });
    const tokens = 30;
    await Promise.all(Array.from({ length: tokens }, () => call(`${cluster.publicUrl}/oauth2/token`, {
      form: { grant_type: 'client_credentials' }, headers: { authorization: basic(client.client_id, client.client_secret!) },
    })));
    const db = await openDatabase(cluster.dsn);
    try {
      await db.execute('UPDATE oauth2_access_tokens SET expires_at = 1 WHERE client_id = ?', [client.client_id]);
      const expired = Number((await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM oauth2_access_tokens WHERE expires_at < ?', [Date.now()]))[0].n);
      assert.ok(expired >= tokens);
      const run = () => new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['apps/cli/src/main.ts', 'janitor', '--tokens', '--batch-size', '5', '--dsn', cluster.dsn], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk));
        child.on('close', (code) => resolve({ code, out }));
      });
      const runs = await Promise.all([run(), run()]);
      for (const r of runs) assert.equal(r.code, 0, r.out);
      const deleted = runs.map((r) => Number(/access tokens\s+(\d+)/.exec(r.out)?.[1]));
      assert.equal(deleted[0] + deleted[1], expired, `each expired row deleted once: ${deleted.join(' + ')}`);
      assert.equal(Number((await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM oauth2_access_tokens WHERE expires_at < ?', [Date.now()]))[0].n), 0);
    } finally {
      await db.close();
    }
  });
});
