/**
 * Who sees what of Athena's operations pages, in Chromium on SQLite and PostgreSQL: a viewer reads
 * requests, keys and the audit log but has no rotate control, and its forged rotation is refused; a
 * viewer never opens the courier (bodies of messages are codes); support reads the courier but no
 * keys and no client count. In German at 320 px every operations page fits without horizontal scrolling.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enqueueEmail } from '@olympus/identity';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { auditPage, grantRole, registerPlainUser, signInToAthena } from './support/athena.ts';
import { Browser as HttpBrowser } from './support/browser.ts';
import { launchBrowser } from './support/chromium.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const SET = 'hydra.openid.id-token';
const REDIRECT = 'https://ops.example/cb';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Athena operations: roles, German at 320 px (${kind})`, () => {
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
    const signInAs = async (role: 'viewer' | 'support'): Promise<Page> => {
      const user = await registerPlainUser(olympus);
      await grantRole(olympus, user.email, role);
      return signIn(user.email, user.password);
    };
    const audit = (page: Page, name: string) => auditPage(page, `athena-ops-${kind}-${name}`);
    const navLinks = (page: Page): Promise<string[]> => page.locator('header nav a').allInnerTexts();
    const keysInSet = async (): Promise<number> => ((await (await fetch(`${olympus.adminUrl}/admin/keys/${SET}`)).json()) as { keys: unknown[] }).keys.length;

    test('a viewer reads keys without a rotate control, its forged rotation is refused, and it never opens the courier', async () => {
      const page = await signInAs('viewer');
      const nav = await navLinks(page);
      for (const shown of ['Login & consent requests', 'Keys', 'Audit log']) assert.ok(nav.includes(shown), `${shown} in ${nav.join(', ')}`);
      assert.ok(!nav.includes('Courier'), 'no courier for a viewer');
      assert.ok(await page.locator('.counts li', { hasText: 'OAuth2 clients' }).count() === 1, 'a viewer reads clients, so it sees their count');

      await page.goto(`${olympus.adminUrl}/keys`);
      assert.match(await page.locator('main').innerText(), /Signing/);
      assert.equal(await page.getByRole('link', { name: /^Rotate/ }).count(), 0, 'no rotate control');
      await audit(page, 'viewer-keys');
      assert.equal((await page.goto(`${olympus.adminUrl}/keys/${SET}/rotate`))?.status(), 403);
      assert.match(await page.locator('[role=alert]').innerText(), /viewer.*keys\.write/);

      const before = await keysInSet();
      const csrf = await page.locator('form[action="/sign-out"] input[name="csrf_token"]').inputValue();
      const forged = await page.request.post(`${olympus.adminUrl}/keys/${SET}/rotate`, { form: { csrf_token: csrf }, headers: { 'sec-fetch-mode': 'navigate' }, maxRedirects: 0 });
      assert.equal(forged.status(), 403, 'a valid session token does not make a viewer a writer');
      assert.equal(await keysInSet(), before, 'no key was created');
      assert.equal((await page.goto(`${olympus.adminUrl}/courier`))?.status(), 403, 'courier bodies hold codes: not for a viewer');

      await page.goto(`${olympus.adminUrl}/audit`);
      assert.equal(await page.locator('h1').innerText(), 'Audit log');
      await page.goto(`${olympus.adminUrl}/requests`);
      assert.equal(await page.locator('h1').innerText(), 'Login & consent requests');
    });

    test('support reads the courier and the audit log, but no keys and no client count', async () => {
      const page = await signInAs('support');
      const nav = await navLinks(page);
      assert.ok(nav.includes('Courier') && nav.includes('Audit log'), nav.join(', '));
      assert.ok(!nav.includes('Keys') && !nav.includes('OAuth2 Clients'), nav.join(', '));
      assert.equal(await page.locator('.counts li', { hasText: 'OAuth2 clients' }).count(), 0, 'no clients.read, no client count');
      assert.equal(await page.locator('.counts li', { hasText: 'Identities' }).count(), 1);
      await audit(page, 'support-home');
      assert.equal((await page.goto(`${olympus.adminUrl}/keys`))?.status(), 403);
      assert.equal((await page.goto(`${olympus.adminUrl}/courier`))?.status(), 200);
    });

    test('German, at 320 px wide: every operations page fits without horizontal scrolling', async () => {
      const { client_id: clientId } = await createClient(olympus.adminUrl, {
        client_name: 'Schmale Anwendung', redirect_uris: [REDIRECT], scope: 'openid', token_endpoint_auth_method: 'none',
      });
      await new HttpBrowser().get(authorizeUrl(olympus.publicUrl, {
        client_id: clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'narrow-state',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      const message = await enqueueEmail(olympus.server.identity, {
        recipient: 'a-rather-long-recipient-address@narrow.example', templateType: 'verification_code_valid', context: { code: '123456', expiresInMinutes: 15 },
      });

      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD, { locale: 'de-DE', viewport: { width: 320, height: 640 } });
      assert.equal(await page.locator('html').getAttribute('lang'), 'de');
      const paths = ['/', '/requests', '/requests/lookup?kind=login&challenge=unbekannt', '/courier', `/courier/${message.id}`, '/keys', `/keys/${SET}/rotate`, '/audit'];
      for (const path of paths) {
        await page.goto(`${olympus.adminUrl}${path}`);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        assert.ok(scrollWidth <= clientWidth, `${path}: no horizontal scroll (${scrollWidth} > ${clientWidth})`);
        await audit(page, `de-320px${path.split('?')[0].replaceAll('/', '-')}`);
      }
      await page.goto(`${olympus.adminUrl}/requests`);
      assert.equal(await page.locator('h1').innerText(), 'Anfragen zu Anmeldung & Einwilligung');
      assert.match(await page.locator('tbody').innerText(), /Schmale Anwendung/);
      await page.goto(`${olympus.adminUrl}/keys`);
      assert.match(await page.locator('main').innerText(), /Signiert/);
    });
  });
}
