/**
 * Hera's /logout in headless Chromium (docs/operations/hera.md), on SQLite and PostgreSQL: RP-initiated logout
 * (confirmation, Yes, No, skip_logout_consent), a challenge from another browser, and the account's
 * "Sign out" POST with its form token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { CSRF_COOKIE } from '@olympus/identity';
import { sealFormToken } from '../apps/hera/src/form-token.ts';
import { checkAccessibility, describeViolations, launchBrowser, newPage, screenshot } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { createAppClient, logoutUrl, registerUser, renderedPageOf, signIn, startApp, startAuthorization, whoamiStatus, type App } from './support/hera-oauth2.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Hera logout in Chromium (${kind})`, () => {
    let olympus: TestServer;
    let app: App;
    let clientId: string;
    let quickLogoutClientId: string;

    before(async () => {
      [olympus, app] = await Promise.all([startTestServer(kind), startApp()]);
      ({ client_id: clientId } = await createAppClient(olympus, app, { skip_logout_consent: false }));
      ({ client_id: quickLogoutClientId } = await createAppClient(olympus, app, { client_name: 'Quick app', skip_logout_consent: true }));
    });
    after(async () => {
      await app?.close();
      await olympus?.close();
    });

    test('RP-initiated logout: confirmation page, Yes, back at post_logout_redirect_uri, the session gone', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        const { idToken } = await signIn(olympus, app, clientId, traced, user);
        const { page } = traced;
        await page.goto(logoutUrl(olympus, app, idToken, 'bye-state'));
        assert.equal(new URL(page.url()).pathname, '/logout');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sign out of Step-up app?');
        const violations = await checkAccessibility(page);
        await screenshot(page, 'hera-logout');
        assert.equal(violations.length, 0, `axe-core violations on /logout:\n${describeViolations(violations)}`);
        await Promise.all([page.waitForURL((u) => u.toString().startsWith(app.loggedOut)), page.getByRole('button', { name: 'Yes, sign out' }).click()]);
        assert.equal(new URL(page.url()).searchParams.get('state'), 'bye-state');
        assert.equal(await whoamiStatus(olympus, traced.context), 401, 'the identity session has ended');
        await page.goto(startAuthorization(olympus, app, clientId).url);
        assert.equal(new URL(page.url()).pathname, '/login');
        assert.equal(await page.locator('input[name="password"]').count(), 1, 'a new authorization shows the login form');
      } finally {
        await traced.close();
      }
    });

    test('RP-initiated logout, No: the user stays signed in', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        const { idToken } = await signIn(olympus, app, clientId, traced, user);
        const { page, network } = traced;
        await page.goto(logoutUrl(olympus, app, idToken, 'stay-state'));
        const before = network.length;
        await Promise.all([page.waitForURL((u) => u.pathname === '/' || u.pathname.startsWith('/login')), page.getByRole('button', { name: 'No, stay signed in' }).click()]);
        const answer = network.slice(before).find((hop) => hop.method === 'POST' && new URL(hop.url).pathname === '/logout');
        assert.equal(answer?.status, 303);
        assert.equal(answer?.location, '/');
        assert.equal(await whoamiStatus(olympus, traced.context), 200, 'the identity session lives on');
        await page.goto(startAuthorization(olympus, app, clientId).url);
        assert.ok(page.url().startsWith(app.callback), `still signed in: straight back to the app, got ${page.url()}`);
      } finally {
        await traced.close();
      }
    });

    test('RP-initiated logout with skip_logout_consent: no page, straight back to the app', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        const { idToken } = await signIn(olympus, app, quickLogoutClientId, traced, user);
        const before = traced.network.length;
        await traced.page.goto(logoutUrl(olympus, app, idToken, 'quick-state'));
        const landed = new URL(traced.page.url());
        assert.equal(`${landed.origin}${landed.pathname}`, app.loggedOut);
        assert.equal(landed.searchParams.get('state'), 'quick-state');
        const hops = traced.network.slice(before);
        assert.equal(renderedPageOf(olympus, hops), undefined, 'no confirmation page');
        assert.equal(await whoamiStatus(olympus, traced.context), 401);
      } finally {
        await traced.close();
      }
    });

    test('a logout challenge started in another browser does not sign this browser out (logout CSRF)', async () => {
      const [attacker, victim] = [await newPage(browser), await newPage(browser)];
      try {
        const { idToken } = await signIn(olympus, app, quickLogoutClientId, attacker, await registerUser(olympus, false));
        await signIn(olympus, app, quickLogoutClientId, victim, await registerUser(olympus, false));
        const started = await attacker.context.request.get(logoutUrl(olympus, app, idToken, 'csrf-state'), { maxRedirects: 0 });
        const challengeUrl = started.headers().location;
        assert.match(challengeUrl ?? '', /\/logout\?logout_challenge=/, 'the attacker holds a logout challenge');
        await victim.page.goto(new URL(challengeUrl!, olympus.publicUrl).toString());
        assert.equal(await whoamiStatus(olympus, victim.context), 200, 'the victim is still signed in');
      } finally {
        await attacker.close();
        await victim.close();
      }
    });

    test('"Sign out": a valid form token ends the sessions, a forged one is refused with 403', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        await signIn(olympus, app, clientId, traced, user);
        const { context } = traced;
        const post = (csrf_token: string) => context.request.post(`${olympus.publicUrl}/logout`, { form: { csrf_token }, maxRedirects: 0 });
        const forged = await post('forged');
        assert.equal(forged.status(), 403);
        assert.match(await forged.text(), /role="alert"/);
        const csrfSecret = (await context.cookies(olympus.publicUrl)).find((c) => c.name === CSRF_COOKIE)?.value;
        assert.ok(csrfSecret, 'the browser holds the CSRF cookie');
        const otherSubject = await post(sealFormToken(olympus.server.ctx.sealer, 'logout:someone-else', csrfSecret));
        assert.equal(otherSubject.status(), 403, 'a token for another form is refused');
        assert.equal(await whoamiStatus(olympus, context), 200, 'nothing ended');

        const signedOut = await post(sealFormToken(olympus.server.ctx.sealer, 'signout', csrfSecret));
        assert.equal(signedOut.status(), 303);
        assert.equal(signedOut.headers().location, '/login');
        assert.equal(await whoamiStatus(olympus, context), 401);
        await traced.page.goto(startAuthorization(olympus, app, clientId).url);
        assert.equal(await traced.page.locator('input[name="password"]').count(), 1, 'the next authorization asks for the password again');
      } finally {
        await traced.close();
      }
    });

    test('the logout page without a valid challenge answers the OAuth2 error, never a 500', async () => {
      for (const query of ['', '?logout_challenge=not-sealed']) {
        const res = await fetch(`${olympus.publicUrl}/logout${query}`);
        assert.ok(res.status >= 400 && res.status < 500, `GET /logout${query} → ${res.status}`);
        assert.doesNotMatch(await res.text(), /at .*\.ts:\d+/);
      }
    });
  });
}
