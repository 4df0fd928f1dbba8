/**
 * Hera end to end in headless Chromium (docs/operations/hera.md): a public PKCE client, the demo user signs in on
 * Hera's login page, allows the consent screen, the app's callback gets a code whose ID token names
 * the demo identity (the same claims /userinfo returns); a second authorization in the same browser goes
 * straight back to the callback. On SQLite and PostgreSQL, one Chromium for both.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import type { Browser } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { checkAccessibility, describeViolations, launchBrowser, newPage, screenshot, type TracedPage } from './support/chromium.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { startCallbackApp, type CallbackApp } from './support/callback-app.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const kind of ['sqlite', 'postgres'] as const) describe(`Hera: login and consent in headless Chromium (${kind})`, () => {
  let olympus: TestServer;
  let traced: TracedPage;
  let app: CallbackApp;
  let redirectUri: string;
  let clientId: string;

  before(async () => {
    olympus = await startTestServer(kind);
    await ensureDemoIdentity(olympus.server.identity);
    app = await startCallbackApp();
    redirectUri = app.callbackUrl;
    ({ client_id: clientId } = await createClient(olympus.adminUrl, {
      client_name: 'Playground app',
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri],
      scope: 'openid profile email',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }));
    traced = await newPage(browser);
  });
  after(async () => {
    await traced?.close();
    await app?.close();
    await olympus?.close();
  });

  const startAuthorization = (state: string) => {
    const pkce = pkcePair();
    const url = authorizeUrl(olympus.publicUrl, {
      client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'openid profile email',
      state, code_challenge: pkce.challenge, code_challenge_method: 'S256',
    });
    return { url, verifier: pkce.verifier };
  };

  const exchange = async (callback: string, verifier: string) => {
    const code = new URL(callback).searchParams.get('code');
    assert.ok(code, `the callback carries a code: ${callback}`);
    const token = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier });
    assert.equal(token.status, 200, JSON.stringify(token.body));
    return token.body;
  };

  test('first login: login form, consent screen, Allow, code exchanged for an ID token with email', async () => {
    const { page } = traced;
    const demo = await olympus.server.identity.storage.identities.findByCredentialIdentifier('password', DEMO_EMAIL);
    assert.ok(demo, 'the demo identity exists');
    const { url, verifier } = startAuthorization('first-state');

    const loginResponse = await page.goto(url);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.match((await loginResponse!.allHeaders())['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    assert.ok(await page.locator('input[name="csrf_token"][type="hidden"]').count() === 1, 'the form carries the CSRF token');
    assert.ok(new URL(page.url()).searchParams.get('flow'), 'the login page renders the identity login flow');
    const loginViolations = await checkAccessibility(page);
    await screenshot(page, 'hera-login');
    assert.equal(loginViolations.length, 0, `axe-core violations on /login:\n${describeViolations(loginViolations)}`);

    await page.locator('input[name="identifier"]').fill(DEMO_EMAIL);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/consent\?/), page.locator('button[name="method"][value="password"]').click()]);

    assert.match(await page.locator('h1').innerText(), /Playground app/);
    assert.match(await page.locator('main').innerText(), /See your email address/);
    const consentViolations = await checkAccessibility(page);
    await screenshot(page, 'hera-consent');
    assert.equal(consentViolations.length, 0, `axe-core violations on /consent:\n${describeViolations(consentViolations)}`);

    await Promise.all([page.waitForURL((u) => u.toString().startsWith(redirectUri)), page.getByRole('button', { name: 'Allow' }).click()]);
    const callback = app.received.at(-1)!;
    assert.equal(new URL(callback).searchParams.get('state'), 'first-state');
    const tokens = await exchange(callback, verifier);
    const claims = decodeJwt(tokens.id_token);
    assert.equal(claims.sub, demo.id);
    assert.equal(claims.email, DEMO_EMAIL);
    assert.equal(claims.given_name, 'Demo');
    assert.ok(tokens.access_token && tokens.refresh_token, 'access and refresh tokens are issued');

    // OIDC Core §5.3.2: /userinfo returns the same identity claims the ID token carries.
    const userinfo = await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(userinfo.status, 200);
    const tokenOnly = new Set(['iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'auth_time', 'nonce', 'at_hash', 'c_hash', 'sid', 'acr', 'amr', 'rat', 'azp']);
    const identityClaims = Object.fromEntries(Object.entries(claims).filter(([name]) => !tokenOnly.has(name)));
    assert.deepEqual(identityClaims, { sub: demo.id, email: DEMO_EMAIL, email_verified: false, name: 'Demo Admin', given_name: 'Demo', family_name: 'Admin' });
    assert.deepEqual(await userinfo.json(), identityClaims);
  });

  test('second authorization in the same browser: no login form, no consent screen', async () => {
    const { page, network } = traced;
    const before = network.length;
    const { url, verifier } = startAuthorization('second-state');
    await page.goto(url);
    assert.ok(page.url().startsWith(redirectUri), `straight back to the callback, got ${page.url()}`);
    const visited = network.slice(before).map((hop) => new URL(hop.url).pathname);
    assert.ok(visited.includes('/login') && visited.includes('/consent'), `Hera settled both challenges: ${visited.join(' → ')}`);
    assert.ok(!network.slice(before).some((hop) => hop.status === 200 && /\/(login|consent)$/.test(new URL(hop.url).pathname)), 'no login or consent page was rendered');
    const claims = decodeJwt((await exchange(app.received.at(-1)!, verifier)).id_token);
    assert.equal(claims.email, DEMO_EMAIL);
  });

  test('after consent is revoked the screen returns, and Deny sends access_denied back to the app', async () => {
    const demo = await olympus.server.identity.storage.identities.findByCredentialIdentifier('password', DEMO_EMAIL);
    const revoked = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/sessions/consent?subject=${demo!.id}&client=${clientId}`, { method: 'DELETE' });
    assert.equal(revoked.status, 204);
    const { page } = traced;
    const { url } = startAuthorization('deny-state');
    await page.goto(url);
    assert.equal(new URL(page.url()).pathname, '/consent', 'the identity session still signs in, but consent is asked again');
    await Promise.all([page.waitForURL((u) => u.toString().startsWith(redirectUri)), page.getByRole('button', { name: 'Deny' }).click()]);
    const callback = new URL(page.url());
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    assert.equal(callback.searchParams.get('state'), 'deny-state');
    assert.equal(callback.searchParams.get('code'), null);
  });

  test('a consent form without a valid CSRF token is refused', async () => {
    const res = await fetch(`${olympus.publicUrl}/consent`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent_challenge: 'x', csrf_token: 'forged', decision: 'allow' }), redirect: 'manual',
    });
    assert.equal(res.status, 403);
  });

  test('the error page shows an identity error by its id, with no stack trace', async () => {
    const res = await fetch(`${olympus.publicUrl}/error?id=not-a-sealed-id`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const body = await res.text();
    assert.match(body, /id="error-id">[^<]+</);
    assert.doesNotMatch(body, /at .*\.ts:\d+/);
  });
});
