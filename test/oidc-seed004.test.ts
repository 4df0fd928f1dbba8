/**
 * Seed 004 in real headless Chromium: a login that never types a password at this server. A second
 * Olympus on loopback (on `localhost`, so the two servers' cookies stay apart from this one's on
 * 127.0.0.1) is the upstream OpenID Connect provider, with its own confidential client and its own user.
 * The app → /oauth2/auth → Hera shows "Sign in with Upstream" → the upstream's Hera login page → back
 * to the callback → a new identity registered from the mapped claims → consent skipped for a
 * first-party client → the app's callback → tokens → /userinfo with the mapped email, and amr oidc
 * in the ID token. Then the same user again, with this server's cookies gone: one click, straight
 * through to the app, the same identity. On SQLite and PostgreSQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser } from 'playwright-core';
import { defaultDevConfig } from '@olympus/config';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { launchBrowser, newPage, type TracedPage } from './support/chromium.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { freePort, startTestServer, type TestServer } from './support/server.ts';

const APP_CLIENT = 'seed004-app';
const DOWNSTREAM_CLIENT = 'olympus-downstream';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const kind of ['sqlite', 'postgres'] as const) describe(`seed 004: sign in through an upstream OpenID Connect provider (${kind})`, () => {
  let upstream: TestServer;
  let olympus: TestServer;
  let app: Server;
  let appOrigin: string;
  let traced: TracedPage;
  const downstreamSecret = randomBytes(24).toString('base64url');
  let callbackUri = '';
  const pending = new Map<string, string>();
  const obtained: Array<Record<string, string>> = [];

  const appHandler = async (url: URL): Promise<{ status: number; location?: string }> => {
    if (url.pathname === '/login') {
      const { verifier, challenge } = pkcePair();
      const state = `state-${pending.size + 1}`;
      pending.set(state, verifier);
      return {
        status: 302,
        location: authorizeUrl(olympus.publicUrl, {
          client_id: APP_CLIENT, response_type: 'code', redirect_uri: `${appOrigin}/callback`, scope: 'openid email profile',
          state, code_challenge: challenge, code_challenge_method: 'S256',
        }),
      };
    }
    const verifier = pending.get(url.searchParams.get('state') ?? '');
    const code = url.searchParams.get('code');
    if (url.pathname !== '/callback' || !verifier || !code) return { status: 400 };
    const token = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: `${appOrigin}/callback`, client_id: APP_CLIENT, code_verifier: verifier });
    if (token.status !== 200) return { status: 502 };
    obtained.push(token.body);
    return { status: 200 };
  };

  before(async () => {
    const port = await freePort();
    appOrigin = `http://127.0.0.1:${port}`;
    // The upstream lists nothing of this server's apps: its login page lets the redirect chain go on past
    // its client's redirect_uri (docs/decisions/0006-login-form-action.md).
    upstream = await startTestServer(kind, (c) => {
      const publicUrl = c.serve.public.url.replace('127.0.0.1', 'localhost');
      return { ...defaultDevConfig(process.cwd(), { publicUrl, adminUrl: c.serve.admin.url, dsn: c.dsn }), log: c.log };
    });
    await ensureDemoIdentity(upstream.server.identity);
    olympus = await startTestServer(kind, (c) => {
      callbackUri = `${c.serve.public.url}/self-service/methods/oidc/callback/upstream`;
      const provider = {
        id: 'upstream', provider: 'generic' as const, label: 'Upstream', clientId: DOWNSTREAM_CLIENT, clientSecret: downstreamSecret,
        issuerUrl: upstream.config.urls.issuer,
      };
      return {
        ...c,
        selfservice: { ...c.selfservice, methods: { ...c.selfservice.methods, oidc: { enabled: true, config: { providers: [provider] } } } },
        hera: { ...c.hera, firstPartyClients: [APP_CLIENT] },
      };
    });
    await createClient(upstream.adminUrl, {
      client_id: DOWNSTREAM_CLIENT, client_secret: downstreamSecret, client_name: 'Olympus downstream', skip_consent: true,
      token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [callbackUri], scope: 'openid email profile',
      grant_types: ['authorization_code'], response_types: ['code'],
    });
    app = createServer((req, res) => {
      appHandler(new URL(req.url ?? '/', appOrigin)).then(({ status, location }) => {
        if (location) res.writeHead(status, { location }).end();
        else res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><title>App</title><h1>App</h1></html>');
      }, () => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => app.listen(port, '127.0.0.1', resolve));
    await createClient(olympus.adminUrl, {
      client_id: APP_CLIENT, client_name: 'Seed 004 app', token_endpoint_auth_method: 'none', redirect_uris: [`${appOrigin}/callback`],
      scope: 'openid email profile', grant_types: ['authorization_code'], response_types: ['code'],
    });
    traced = await newPage(browser);
  });
  after(async () => {
    await traced?.close();
    await new Promise((resolve) => app?.close(resolve));
    await olympus?.close();
    await upstream?.close();
  });

  const verifiedIdToken = async (index: number) => {
    const jwks = createRemoteJWKSet(new URL(`${olympus.publicUrl}/.well-known/jwks.json`));
    return (await jwtVerify(obtained[index].id_token, jwks, { issuer: olympus.config.urls.issuer, audience: APP_CLIENT })).payload;
  };

  test('first sign-in: Hera offers the provider, the upstream signs in, a new identity is registered and the app gets tokens', async () => {
    const { page } = traced;
    await page.goto(`${appOrigin}/login`);
    const button = page.locator('button[name="provider"][value="upstream"]');
    assert.equal((await button.textContent())?.trim(), 'Sign in with Upstream');
    assert.equal(new URL(page.url()).origin, olympus.publicUrl, 'Hera of this server shows the button');

    await Promise.all([page.waitForURL((u) => u.origin === upstream.config.serve.public.url && u.pathname === '/login' && u.searchParams.has('flow')), button.click()]);
    await page.locator('input[name="identifier"]').fill(DEMO_EMAIL);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL((u) => u.href.startsWith(`${appOrigin}/callback`)),
      page.locator('button[name="method"][value="password"]').click(),
    ]);
    assert.equal(obtained.length, 1, 'the app redeemed the code');

    const upstreamUser = await upstream.server.identity.storage.identities.findByCredentialIdentifier('password', DEMO_EMAIL);
    const registered = await olympus.server.identity.storage.identities.findByCredentialIdentifier('oidc', `upstream:${upstreamUser!.id}`);
    assert.ok(registered, 'an identity with the oidc credential upstream:<subject> was registered');
    assert.equal(registered.traits.email, DEMO_EMAIL, 'the mapped email');
    assert.equal(registered.credentials.password, undefined, 'no password was set');

    const payload = await verifiedIdToken(0);
    assert.equal(payload.sub, registered.id);
    assert.deepEqual(payload.amr, ['oidc']);
    const userinfo = await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: `Bearer ${obtained[0].access_token}` } });
    assert.equal(userinfo.status, 200);
    const claims = (await userinfo.json()) as Record<string, unknown>;
    assert.equal(claims.sub, registered.id);
    assert.equal(claims.email, DEMO_EMAIL);
  });

  test('the same user again, without this server\'s cookies: one click and straight through to the app, the same identity', async () => {
    assert.equal(obtained.length, 1, 'the first test signed in');
    await traced.page.context().clearCookies({ domain: '127.0.0.1' });
    const { page } = traced;
    await page.goto(`${appOrigin}/login`);
    await Promise.all([
      page.waitForURL((u) => u.href.startsWith(`${appOrigin}/callback`)),
      page.locator('button[name="provider"][value="upstream"]').click(),
    ]);
    assert.equal(obtained.length, 2);
    const [first, second] = [await verifiedIdToken(0), await verifiedIdToken(1)];
    assert.equal(second.sub, first.sub, 'signed in as the identity registered the first time');
    assert.deepEqual(second.amr, ['oidc']);
    const identities = (await (await fetch(`${olympus.adminUrl}/admin/identities`)).json()) as unknown[];
    assert.equal(identities.length, 1, 'no second identity was registered');
  });
});
