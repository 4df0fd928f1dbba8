/**
 * Athena in Chromium, on SQLite and PostgreSQL: an administrator signs in through Hera on the public
 * origin and lands on the console on the admin origin; OAuth2 Clients → New Client with seed 002's
 * fields → Save lands on the client's page with its Client ID, and the client works for a real
 * authorization; a confidential client's secret is shown exactly once. An identity without a role
 * gets the 403 page naming the missing role; a forged CSRF token changes nothing. Zero axe-core
 * violations, a screenshot of every page; the JSON admin API at the same paths is unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { launchBrowser } from './support/chromium.ts';
import { auditPage, clientPage, registerPlainUser, signInToAthena } from './support/athena.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Athena: signing in and OAuth2 clients (${kind})`, () => {
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

    const audit = (page: Page, name: string) => auditPage(page, `athena-${kind}-${name}`);

    const signIn = async (email: string, password: string): Promise<Page> => {
      const { page, context } = await signInToAthena(browser, olympus, email, password);
      contexts.push(context);
      return page;
    };

    test('seed 002: sign in as admin@demo.user, OAuth2 Clients → New Client → Save shows the client ID', async () => {
      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD);
      assert.equal(await page.locator('h1').innerText(), 'Olympus at a glance');
      await audit(page, 'home');

      await page.getByRole('link', { name: 'OAuth2 Clients' }).first().click();
      await page.waitForURL(`${olympus.adminUrl}/clients`);
      await audit(page, 'clients');
      await page.getByRole('link', { name: 'New Client' }).click();
      await page.waitForURL(`${olympus.adminUrl}/clients/new`);
      await audit(page, 'new-client');

      await page.getByLabel('Name', { exact: true }).fill('playground-client');
      await page.getByLabel('Public', { exact: true }).check();
      await page.getByLabel('Redirect URI', { exact: true }).fill('http://localhost:8765/callback');
      await page.getByLabel('authorization_code').check();
      await page.getByLabel('refresh_token').check();
      await page.getByLabel('Allowed scopes').fill('openid profile email');
      await page.getByLabel('code', { exact: true }).check();
      assert.equal(await page.getByLabel('PKCE required').isChecked(), true);
      assert.equal(await page.getByLabel('PKCE required').isDisabled(), true, 'PKCE cannot be turned off');
      await Promise.all([page.waitForURL(clientPage), page.getByRole('button', { name: 'Save' }).click()]);
      await audit(page, 'client-created');

      const clientId = await page.getByLabel('Client ID').inputValue();
      assert.equal(new URL(page.url()).pathname, `/clients/${encodeURIComponent(clientId)}`);
      assert.equal(await page.getByLabel('Client secret').count(), 0, 'a public client has no secret');
      const stored = await (await fetch(`${olympus.adminUrl}/admin/clients/${encodeURIComponent(clientId)}`)).json();
      assert.equal(stored.client_name, 'playground-client');
      assert.equal(stored.token_endpoint_auth_method, 'none');
      assert.deepEqual(stored.redirect_uris, ['http://localhost:8765/callback']);
      assert.deepEqual(stored.grant_types, ['authorization_code', 'refresh_token']);
      assert.equal(stored.scope, 'openid profile email');
      assert.deepEqual(stored.response_types, ['code']);
    });

    test('a confidential client\'s secret is shown once, and a field the admin API refuses is marked', async () => {
      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD);
      await page.goto(`${olympus.adminUrl}/clients/new`);
      await page.getByLabel('Name', { exact: true }).fill('backend');
      await page.getByLabel('Confidential').check();
      await page.getByLabel('Redirect URI', { exact: true }).fill('https://app.example/cb#fragment');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForLoadState();
      assert.equal(await page.getByLabel('Redirect URI', { exact: true }).getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#redirect_uris-error').innerText(), /fragment/i);
      assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'backend', 'the typed values stay');
      await audit(page, 'new-client-error');

      await page.getByLabel('Redirect URI', { exact: true }).fill('https://app.example/cb');
      await page.getByLabel('client_credentials').check();
      await Promise.all([page.waitForURL(clientPage), page.getByRole('button', { name: 'Save' }).click()]);
      const secret = await page.getByLabel('Client secret').inputValue();
      assert.ok(secret.length >= 32, 'the secret is shown');
      const clientId = await page.getByLabel('Client ID').inputValue();
      const token = await fetch(`${olympus.publicUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}` },
        body: 'grant_type=client_credentials',
      });
      assert.equal(token.status, 200, 'the shown secret is the client\'s');
      await page.reload();
      assert.equal(await page.getByLabel('Client secret').count(), 0, 'shown once: not after a reload');

      const events = (await (await fetch(`${olympus.adminUrl}/admin/audit-events?target=${encodeURIComponent(clientId)}`)).json()) as Array<Record<string, any>>;
      assert.deepEqual(events.map((e) => e.action).sort(), ['client.create', 'client.secret.show'], 'the creation and the one showing of the secret');
      for (const event of events) {
        assert.equal(event.actor.kind, 'identity');
        assert.equal(event.actor.label, DEMO_EMAIL, 'the administrator is the actor');
      }
      const created = events.find((e) => e.action === 'client.create')!;
      assert.ok(created.diff.some((c: { path: string; after?: unknown }) => c.path === '/client_name' && c.after === 'backend'), 'the diff names what was set');
      assert.ok(!JSON.stringify(events).includes(secret), 'the secret is in no audit event');
    });

    test('an identity without a role gets a 403 page naming the missing role; a forged CSRF token changes nothing', async () => {
      const plain = await registerPlainUser(olympus);
      const page = await signIn(plain.email, plain.password);
      assert.equal(await page.locator('h1').innerText(), 'No access');
      assert.match(await page.locator('[role=alert]').innerText(), new RegExp(`${plain.email.replace('.', '\\.')} holds no Athena role`));
      await audit(page, 'no-role');

      const admin = await signIn(DEMO_EMAIL, DEMO_PASSWORD);
      await admin.goto(`${olympus.adminUrl}/clients/new`);
      await admin.locator('form[action="/clients/new"] input[name="csrf_token"]').evaluate((input) => ((input as HTMLInputElement).value = 'forged'));
      await admin.getByLabel('Name', { exact: true }).fill('forged-client');
      await admin.getByLabel('Redirect URI', { exact: true }).fill('https://forged.example/cb');
      const [response] = await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST'), admin.getByRole('button', { name: 'Save' }).click()]);
      assert.equal(response.status(), 403);
      const list = (await (await fetch(`${olympus.adminUrl}/admin/clients?client_name=forged-client`)).json()) as unknown[];
      assert.equal(list.length, 0, 'no client was created');
    });

    test('the JSON admin API keeps its paths, also without the /admin prefix', async () => {
      const legacy = await fetch(`${olympus.adminUrl}/clients`);
      assert.equal(legacy.status, 200);
      assert.ok(Array.isArray(await legacy.json()), 'an API client still gets JSON at /clients');
      const page = await fetch(`${olympus.adminUrl}/clients`, { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' }, redirect: 'manual' });
      assert.equal(page.status, 303, 'a browser navigation gets the console (sign-in first)');
      assert.match(page.headers.get('location') ?? '', /^\/sign-in\?/);
    });
  });
}
