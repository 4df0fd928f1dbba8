/**
 * Hera's OAuth2 edges in headless Chromium (docs/operations/hera.md), on SQLite and PostgreSQL: the aal2 step-up of
 * an OAuth2 login (acr_values=aal2, and session.whoami.required_aal: highest_available), prompt=login
 * and prompt=none. Logout: hera-logout.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { createAppClient, idTokenOf, passwordStep, registerUser, renderedPageOf, signIn, startApp, startAuthorization, totpStep, type App } from './support/hera-oauth2.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Hera OAuth2 edges in Chromium (${kind})`, () => {
    let olympus: TestServer;
    let app: App;
    let clientId: string;

    before(async () => {
      [olympus, app] = await Promise.all([startTestServer(kind), startApp()]);
      ({ client_id: clientId } = await createAppClient(olympus, app));
    });
    after(async () => {
      await app?.close();
      await olympus?.close();
    });

    test('acr_values=aal2: password, then the second-factor page, then the app; the ID token says aal2', async () => {
      const user = await registerUser(olympus, true);
      const traced = await newPage(browser);
      try {
        const { url, verifier } = startAuthorization(olympus, app, clientId, { acr_values: 'aal2' });
        await traced.page.goto(url);
        await passwordStep(traced, user, app, 'second-factor');
        await totpStep(traced, user, app);
        const { claims } = await idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
        assert.equal(claims.sub, user.identityId);
        assert.equal(claims.acr, 'aal2');
        assert.ok(Array.isArray(claims.amr) && claims.amr.includes('otp') && claims.amr.includes('mfa') && claims.amr.includes('pwd'), `amr: ${JSON.stringify(claims.amr)}`);
        const stepUp = traced.network.find((hop) => new URL(hop.url).pathname === '/self-service/login/browser' && new URL(hop.url).searchParams.get('aal') === 'aal2');
        assert.ok(stepUp && new URL(stepUp.url).searchParams.get('login_challenge'), 'the step-up keeps the login challenge');
      } finally {
        await traced.close();
      }
    });

    test('without acr_values an identity with TOTP logs in at aal1 (acr aal1) under the default configuration', async () => {
      const user = await registerUser(olympus, true);
      const traced = await newPage(browser);
      try {
        const { claims } = await signIn(olympus, app, clientId, traced, user);
        assert.equal(claims.acr, 'aal1');
        assert.ok(!traced.network.some((hop) => new URL(hop.url).searchParams.get('aal') === 'aal2'), 'no step-up');
      } finally {
        await traced.close();
      }
    });

    test('a live aal1 session meets acr_values=aal2 at Hera: straight to the second factor, challenge kept', async () => {
      const user = await registerUser(olympus, true);
      const traced = await newPage(browser);
      try {
        assert.equal((await signIn(olympus, app, clientId, traced, user)).claims.acr, 'aal1');
        const { url, verifier } = startAuthorization(olympus, app, clientId, { acr_values: 'aal2' });
        await traced.page.goto(url);
        await totpStep(traced, user, app);
        const { claims } = await idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
        assert.equal(claims.acr, 'aal2');
      } finally {
        await traced.close();
      }
    });

    test('prompt=login forces the login form over a live session; auth_time moves forward', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        const first = await signIn(olympus, app, clientId, traced, user);
        // auth_time counts seconds (OIDC Core §2): let one pass so a fresh login is visible in it.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        const { url, verifier } = startAuthorization(olympus, app, clientId, { prompt: 'login' });
        await traced.page.goto(url);
        assert.equal(await traced.page.getByRole('heading', { level: 1 }).innerText(), 'Confirm it is you');
        await passwordStep(traced, user, app);
        const { claims } = await idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
        assert.equal(claims.sub, user.identityId);
        assert.ok(Number(claims.auth_time) > Number(first.claims.auth_time), `auth_time ${claims.auth_time} > ${first.claims.auth_time}`);
      } finally {
        await traced.close();
      }
    });

    test('prompt=none: a code without any page over a live session; login_required without one', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      const stranger = await newPage(browser);
      try {
        await signIn(olympus, app, clientId, traced, user);
        const before = traced.network.length;
        const { url, verifier } = startAuthorization(olympus, app, clientId, { prompt: 'none' });
        await traced.page.goto(url);
        const hops = traced.network.slice(before);
        assert.equal(renderedPageOf(olympus, hops), undefined, `no page from Olympus: ${hops.map((h) => `${h.status} ${h.url}`).join(' → ')}`);
        assert.equal((await idTokenOf(olympus, app, clientId, traced.page.url(), verifier)).claims.sub, user.identityId);

        const anonymous = startAuthorization(olympus, app, clientId, { prompt: 'none' });
        await stranger.page.goto(anonymous.url);
        const callback = new URL(stranger.page.url());
        assert.ok(callback.toString().startsWith(app.callback), `back at the app: ${callback}`);
        assert.equal(callback.searchParams.get('error'), 'login_required');
        assert.equal(callback.searchParams.get('code'), null);
      } finally {
        await traced.close();
        await stranger.close();
      }
    });

  });

  describe(`Hera OAuth2 step-up with whoami required_aal highest_available (${kind})`, () => {
    let olympus: TestServer;
    let app: App;
    let clientId: string;

    before(async () => {
      [olympus, app] = await Promise.all([
        startTestServer(kind, (c) => ({ ...c, session: { ...c.session, whoamiRequiredAal: 'highest_available' } })),
        startApp(),
      ]);
      ({ client_id: clientId } = await createAppClient(olympus, app));
    });
    after(async () => {
      await app?.close();
      await olympus?.close();
    });

    test('an identity with TOTP goes through the second factor without acr_values', async () => {
      const user = await registerUser(olympus, true);
      const traced = await newPage(browser);
      try {
        const { url, verifier } = startAuthorization(olympus, app, clientId);
        await traced.page.goto(url);
        await passwordStep(traced, user, app, 'second-factor');
        await totpStep(traced, user, app);
        const { claims } = await idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
        assert.equal(claims.acr, 'aal2');
        assert.ok(Array.isArray(claims.amr) && claims.amr.includes('otp') && claims.amr.includes('mfa'));
      } finally {
        await traced.close();
      }
    });

    test('an identity without a second factor is accepted at aal1: nothing to step up to', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        assert.equal((await signIn(olympus, app, clientId, traced, user)).claims.acr, 'aal1');
      } finally {
        await traced.close();
      }
    });
  });
}
