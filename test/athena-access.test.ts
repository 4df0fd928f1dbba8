/**
 * Who may do what in Athena, in Chromium on SQLite and PostgreSQL: a viewer sees no write controls and
 * a POST it forges is refused; a role revoked takes effect at the next request; under
 * athena.required_aal aal2 an administrator without a second factor is sent to set one up, one with
 * TOTP signs in with it; German pages; 320 px wide without horizontal scrolling; New Client by keyboard.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { launchBrowser } from './support/chromium.ts';
import { auditPage, clientPage, grantRole, registerPlainUser, signInToAthena } from './support/athena.ts';
import { nextCode, PASSWORD, registerUser } from './support/hera-oauth2.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Athena: roles, second factor, languages, phone width, keyboard (${kind})`, () => {
    let olympus: TestServer;
    const contexts: BrowserContext[] = [];

    before(async () => {
      olympus = await startTestServer(kind);
      await ensureDemoIdentity(olympus.server.identity);
    });
    after(async () => {
      for (const c of contexts) await c.close();
      await olympus?.close();
    });

    const signIn = async (email: string, password: string, options = {}): Promise<Page> => {
      const { page, context } = await signInToAthena(browser, olympus, email, password, options);
      contexts.push(context);
      return page;
    };

    const audit = (page: Page, name: string) => auditPage(page, `athena-${kind}-${name}`);

    test('a viewer reads clients but sees no write control, and a POST it forges is refused', async () => {
      const viewer = await registerPlainUser(olympus);
      await grantRole(olympus, viewer.email, 'viewer');
      const page = await signIn(viewer.email, viewer.password);
      await page.goto(`${olympus.adminUrl}/clients`);
      assert.equal(await page.locator('h1').innerText(), 'OAuth2 Clients');
      assert.equal(await page.getByRole('link', { name: 'New Client' }).count(), 0, 'no New Client for a viewer');
      await audit(page, 'viewer-clients');
      const form = await page.goto(`${olympus.adminUrl}/clients/new`);
      assert.equal(form?.status(), 403);
      assert.match(await page.locator('[role=alert]').innerText(), /viewer.*clients\.write/);

      const csrf = await page.locator('form[action="/sign-out"] input[name="csrf_token"]').inputValue();
      const forged = await page.request.post(`${olympus.adminUrl}/clients/new`, {
        form: { csrf_token: csrf, client_name: 'by-a-viewer', client_type: 'public', redirect_uris: 'https://viewer.example/cb' },
        headers: { 'sec-fetch-mode': 'navigate' },
        maxRedirects: 0,
      });
      assert.equal(forged.status(), 403, 'a valid session token does not make a viewer a writer');
      const list = (await (await fetch(`${olympus.adminUrl}/admin/clients?client_name=by-a-viewer`)).json()) as unknown[];
      assert.equal(list.length, 0);
    });

    test('a role revoked takes effect at the next request', async () => {
      const support = await registerPlainUser(olympus);
      const id = await grantRole(olympus, support.email, 'admin');
      const page = await signIn(support.email, support.password);
      assert.equal(await page.locator('h1').innerText(), 'Olympus at a glance');
      const patch = await fetch(`${olympus.adminUrl}/admin/identities/${id}`, {
        method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ op: 'replace', path: '/metadata_admin', value: {} }]),
      });
      assert.equal(patch.status, 200);
      const again = await page.goto(`${olympus.adminUrl}/clients`);
      assert.equal(again?.status(), 403);
      assert.match(await page.locator('[role=alert]').innerText(), /holds no Athena role/);
    });

    test('German, at 320 px wide: the console fits without horizontal scrolling', async () => {
      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD, { locale: 'de-DE', viewport: { width: 320, height: 640 } });
      assert.equal(await page.locator('html').getAttribute('lang'), 'de');
      assert.equal(await page.locator('h1').innerText(), 'Olympus auf einen Blick');
      for (const path of ['/', '/clients', '/clients/new']) {
        await page.goto(`${olympus.adminUrl}${path}`);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        assert.ok(scrollWidth <= clientWidth, `${path}: no horizontal scroll (${scrollWidth} > ${clientWidth})`);
        await audit(page, `de-320px${path.replaceAll('/', '-')}`);
      }
      assert.equal(await page.locator('h1').innerText(), 'Neuer Client');
    });

    test('without JavaScript: sign in, New Client, Save', async () => {
      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD, { javaScriptEnabled: false });
      await page.goto(`${olympus.adminUrl}/clients/new`);
      await page.getByLabel('Name', { exact: true }).fill('no-script-client');
      await page.getByLabel('Redirect URI', { exact: true }).fill('https://no-script.example/cb');
      await Promise.all([page.waitForURL(clientPage), page.getByRole('button', { name: 'Save' }).click()]);
      assert.match(await page.locator('h1').innerText(), /no-script-client/);
      assert.ok((await page.getByLabel('Client ID').inputValue()).length > 0);
    });

    test('New Client by keyboard only: every field reachable in order, Enter saves', async () => {
      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD);
      await page.goto(`${olympus.adminUrl}/clients/new`);
      await page.locator('#client_name').focus();
      await page.keyboard.type('keyboard-client');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).name), 'client_type', 'the client type follows the name');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'redirect_uris');
      await page.keyboard.type('https://keyboard.example/cb');
      await page.locator('#client_name').focus();
      await Promise.all([page.waitForURL(clientPage), page.keyboard.press('Enter')]);
      assert.match(await page.locator('h1').innerText(), /keyboard-client/);
    });
  });

  describe(`Athena under athena.required_aal: aal2 (${kind})`, () => {
    let olympus: TestServer;
    const contexts: BrowserContext[] = [];
    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, athena: { ...c.athena, requiredAal: 'aal2' } }));
    });
    after(async () => {
      for (const c of contexts) await c.close();
      await olympus?.close();
    });

    test('an administrator without a second factor is sent to set one up before anything else', async () => {
      const plain = await registerPlainUser(olympus);
      await grantRole(olympus, plain.email, 'admin');
      const { page, context } = await signInToAthena(browser, olympus, plain.email, plain.password);
      contexts.push(context);
      assert.equal(await page.locator('h1').innerText(), 'Second factor required');
      assert.equal(await page.getByRole('link', { name: 'Set up an authenticator app' }).getAttribute('href'), `${olympus.publicUrl}/settings`);
      const clients = await page.goto(`${olympus.adminUrl}/clients`);
      assert.equal(clients?.status(), 403, 'no page until the second factor is there');
    });

    test('an administrator with TOTP signs in with both factors and reaches the console', async () => {
      const user = await registerUser(olympus, true);
      await grantRole(olympus, user.email, 'admin');
      const context = await browser.newContext({ locale: 'en-US' });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${olympus.adminUrl}/`);
      await page.locator('input[name="identifier"]').fill(user.email);
      await page.locator('input[name="password"]').fill(PASSWORD);
      await Promise.all([page.waitForURL((u) => u.pathname === '/login' && u.searchParams.has('flow')), page.locator('button[name="method"][value="password"]').click()]);
      await page.locator('input[name="totp_code"]').waitFor();
      await page.locator('input[name="totp_code"]').fill(nextCode(user.totp!));
      await Promise.all([page.waitForURL((u) => u.origin === olympus.adminUrl && u.pathname === '/'), page.locator('button[name="method"][value="totp"]').click()]);
      assert.equal(await page.locator('h1').innerText(), 'Olympus at a glance');
    });
  });

  describe(`Athena's session timeouts (${kind})`, () => {
    let olympus: TestServer;
    const contexts: BrowserContext[] = [];
    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, athena: { ...c.athena, session: { idleTimeout: 4000, lifespan: 60_000 } } }));
      await ensureDemoIdentity(olympus.server.identity);
    });
    after(async () => {
      for (const c of contexts) await c.close();
      await olympus?.close();
    });

    test('the session cookie is HttpOnly and SameSite=Strict, and an idle session ends', async () => {
      const { page, context } = await signInToAthena(browser, olympus, DEMO_EMAIL, DEMO_PASSWORD);
      contexts.push(context);
      const cookie = (await context.cookies(olympus.adminUrl)).find((c) => c.name.endsWith('athena_session'));
      assert.ok(cookie, 'the console has its own session cookie on the admin origin');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      await page.goto(`${olympus.adminUrl}/clients`);
      assert.equal(new URL(page.url()).pathname, '/clients', 'active: still signed in');
      await new Promise((resolve) => setTimeout(resolve, 4500));
      const idle = await page.request.get(`${olympus.adminUrl}/clients`, { headers: { 'sec-fetch-mode': 'navigate' }, maxRedirects: 0 });
      assert.equal(idle.status(), 303, 'after the idle timeout the console asks to sign in again');
      assert.match(idle.headers().location ?? '', /^\/sign-in\?/);
    });
  });

  describe(`Athena beside admin API keys (${kind})`, () => {
    const KEY = 'k'.repeat(40);
    let olympus: TestServer;
    let context: BrowserContext | undefined;
    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, serve: { ...c.serve, admin: { ...c.serve.admin, apiKeys: [KEY] } } }));
      await ensureDemoIdentity(olympus.server.identity);
    });
    after(async () => {
      await context?.close();
      await olympus?.close();
    });

    test('the pages are not behind the key, and a console session never authorizes the JSON API', async () => {
      const signedIn = await signInToAthena(browser, olympus, DEMO_EMAIL, DEMO_PASSWORD);
      context = signedIn.context;
      await signedIn.page.goto(`${olympus.adminUrl}/clients`);
      assert.equal(await signedIn.page.locator('h1').innerText(), 'OAuth2 Clients', 'the console works without the key');
      const withSession = await signedIn.page.request.get(`${olympus.adminUrl}/admin/clients`, { headers: { accept: 'application/json' } });
      assert.equal(withSession.status(), 401, 'the console\'s cookie is no API key');
      const legacy = await signedIn.page.request.get(`${olympus.adminUrl}/clients`, { headers: { accept: 'application/json' } });
      assert.equal(legacy.status(), 401, 'nor on a legacy path');
      assert.equal((await fetch(`${olympus.adminUrl}/admin/clients`, { headers: { authorization: `Bearer ${KEY}` } })).status, 200);
    });
  });
}
