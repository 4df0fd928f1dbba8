/**
 * Hera's pages as people use them, in headless Chromium on SQLite and PostgreSQL (docs/operations/hera.md): in
 * German (ui_locales, Accept-Language) and English, branded from config, at phone width, by keyboard
 * only, with JavaScript disabled, with errors announced to screen readers, and with zero axe-core
 * violations on every page visited.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { MESSAGES_DE } from '../apps/hera/src/i18n/de/messages.ts';
import { PAGES_DE } from '../apps/hera/src/i18n/de/pages.ts';
import { PAGES_EN } from '../apps/hera/src/i18n/en/pages.ts';
import { checkAccessibility, describeViolations, launchBrowser, screenshot } from './support/chromium.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { startCallbackApp, type CallbackApp } from './support/callback-app.ts';

const PRODUCT = 'Acme Konto';
const COLORS = { primary: '#8a1538', background: '#fffdf7', text: '#1b1b1b' };
const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48"><circle cx="24" cy="24" r="20" fill="#8a1538"/></svg>\n';
const CLIENT_NAME = 'Garden app';

let browser: Browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Hera UI: languages, branding, phone width, keyboard, no JavaScript (${kind})`, () => {
    let olympus: TestServer;
    let app: CallbackApp;
    let appOrigin: string;
    let redirectUri: string;
    let logoDir: string;
    /** Every URL any page of this suite requested, subresources included. */
    const requested: string[] = [];
    const contexts: Array<{ close(): Promise<void> }> = [];

    before(async () => {
      logoDir = mkdtempSync(join(tmpdir(), 'hera-logo-'));
      const logo = join(logoDir, 'logo.svg');
      writeFileSync(logo, LOGO_SVG);
      olympus = await startTestServer(kind, (c) => ({ ...c, hera: { ...c.hera, productName: PRODUCT, colors: COLORS, logo } }));
      await ensureDemoIdentity(olympus.server.identity);
      app = await startCallbackApp();
      appOrigin = app.origin;
      redirectUri = app.callbackUrl;
    });
    after(async () => {
      for (const context of contexts) await context.close();
      await app?.close();
      await olympus?.close();
      rmSync(logoDir, { recursive: true, force: true });
    });

    /** A page in a fresh context (own cookies), recording every request it makes. */
    const open = async (options: BrowserContextOptions = {}): Promise<Page> => {
      const context = await browser.newContext({ locale: 'en-US', ...options });
      contexts.push(context);
      context.on('request', (request) => void requested.push(request.url()));
      return context.newPage();
    };

    /**
     * An authorization for a client of its own: consent is remembered per subject and client, so a
     * fresh client shows the consent screen whatever the other tests granted.
     */
    const authorization = async (state: string, extra: Record<string, string> = {}) => {
      const { client_id: clientId } = await createClient(olympus.adminUrl, {
        client_name: CLIENT_NAME, token_endpoint_auth_method: 'none', redirect_uris: [redirectUri],
        scope: 'openid email profile', grant_types: ['authorization_code'], response_types: ['code'],
      });
      const pkce = pkcePair();
      const url = authorizeUrl(olympus.publicUrl, {
        client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'openid email',
        state, code_challenge: pkce.challenge, code_challenge_method: 'S256', ...extra,
      });
      return { url, verifier: pkce.verifier, clientId };
    };

    /** axe-core over the page as it is now, and a screenshot for the test output. */
    const audit = async (page: Page, name: string): Promise<void> => {
      await screenshot(page, `hera-ui-${kind}-${name}`);
      const violations = await checkAccessibility(page);
      assert.equal(violations.length, 0, `axe-core violations on ${name} (${page.url()}):\n${describeViolations(violations)}`);
    };

    const langOf = (page: Page) => page.locator('html').getAttribute('lang');
    const h1Of = async (page: Page) => (await page.locator('h1').innerText()).trim();
    const isCallback = (u: URL) => u.toString().startsWith(redirectUri);

    const signIn = async (page: Page, password: string, next: RegExp | ((u: URL) => boolean)) => {
      await page.locator('input[name="identifier"]').fill(DEMO_EMAIL);
      await page.locator('input[name="password"]').fill(password);
      await Promise.all([page.waitForURL(next), page.locator('button[name="method"][value="password"]').click()]);
    };

    /** After a failed sign-in: the error is an alert, and the password field points at it. */
    const assertAnnouncedError = async (page: Page, text: string) => {
      const alert = page.getByRole('alert');
      assert.equal((await alert.innerText()).trim(), text);
      const password = page.locator('input[name="password"]');
      assert.equal(await password.getAttribute('aria-invalid'), 'true');
      const describedBy = (await password.getAttribute('aria-describedby'))?.split(' ') ?? [];
      assert.ok(describedBy.length > 0, 'the password input is described by the error');
      const describing = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).innerText()));
      assert.ok(describing.some((t) => t.includes(text)), `aria-describedby (${describedBy.join(' ')}) names the error`);
      assert.equal(await page.locator('input[name="identifier"]').inputValue(), DEMO_EMAIL, 'the identifier is kept');
    };

    test('ui_locales=de: login, wrong password and consent in German, then the callback', async () => {
      const page = await open();
      await page.goto((await authorization('de-state', { ui_locales: 'de' })).url);
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(await langOf(page), 'de');
      assert.equal(await h1Of(page), PAGES_DE['login.heading.client'].replace('{client}', CLIENT_NAME));
      await page.getByLabel(MESSAGES_DE['1070004'], { exact: true }).waitFor();
      await page.getByLabel(MESSAGES_DE['1070001'], { exact: true }).waitFor();
      await page.getByRole('button', { name: MESSAGES_DE['1010001'], exact: true }).waitFor();
      assert.equal(await page.getByRole('link', { name: PAGES_DE['login.recover'] }).count(), 1);
      await audit(page, 'login-de');

      await signIn(page, 'not the password', /\/login\?flow=/);
      assert.equal(await langOf(page), 'de');
      await assertAnnouncedError(page, MESSAGES_DE['4000006']);
      await audit(page, 'login-de-wrong-password');

      await signIn(page, DEMO_PASSWORD, /\/consent\?/);
      assert.equal(await langOf(page), 'de');
      assert.equal(await h1Of(page), PAGES_DE['consent.heading'].replace('{client}', CLIENT_NAME));
      assert.match(await page.locator('main').innerText(), new RegExp(PAGES_DE['scope.email']));
      await audit(page, 'consent-de');
      await Promise.all([page.waitForURL(isCallback), page.getByRole('button', { name: PAGES_DE['consent.allow'] }).click()]);
      assert.ok(new URL(page.url()).searchParams.get('code'), 'the app gets its code');
    });

    test('Accept-Language de (a German browser) on /login without ui_locales: German', async () => {
      const page = await open({ locale: 'de-DE' });
      const response = await page.goto(`${olympus.publicUrl}/login`);
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.ok(new URL(page.url()).searchParams.get('flow'));
      assert.equal((await response!.allHeaders())['content-language'], 'de');
      assert.equal(await langOf(page), 'de');
      assert.equal(await h1Of(page), PAGES_DE['login.heading'].replace('{product}', PRODUCT));
      await page.getByLabel(MESSAGES_DE['1070001'], { exact: true }).waitFor();
      await audit(page, 'login-accept-language-de');
    });

    test('ui_locales="fr de" picks German; an unsupported one only gives English', async () => {
      const german = await open();
      await german.goto((await authorization('fr-de-state', { ui_locales: 'fr de' })).url);
      assert.equal(await langOf(german), 'de');
      assert.equal(await h1Of(german), PAGES_DE['login.heading.client'].replace('{client}', CLIENT_NAME));

      const english = await open();
      await english.goto((await authorization('fr-state', { ui_locales: 'fr' })).url);
      assert.equal(await langOf(english), 'en');
      assert.equal(await h1Of(english), PAGES_EN['login.heading.client'].replace('{client}', CLIENT_NAME));
      await english.getByLabel('Password', { exact: true }).waitFor();
      await audit(english, 'login-en');

      await signIn(english, 'still not the password', /\/login\?flow=/);
      assert.equal(await langOf(english), 'en');
      await assertAnnouncedError(english, 'These credentials are not valid. Check the spelling of your password and of your username, email address or phone number.');
      await audit(english, 'login-en-wrong-password');
    });

    test('branding from config: name, logo and colours, served from the origin with a safe type', async () => {
      const page = await open();
      const served: string[] = [];
      page.on('request', (r) => void served.push(r.url()));
      await page.goto((await authorization('brand-state')).url);
      assert.match(await page.title(), new RegExp(`· ${PRODUCT}$`));
      assert.equal((await page.locator('header .home').innerText()).trim(), PRODUCT);
      assert.equal(await page.locator('header .home').getAttribute('aria-label'), `${PRODUCT} home`);
      const logo = page.locator('header .home img');
      assert.ok(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the logo image loads');
      assert.ok(served.includes(`${olympus.publicUrl}/hera/assets/logo`), 'the logo comes from the public origin');
      const background = await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(background, 'rgb(255, 253, 247)', 'the configured background colour is applied');
      const button = await page.locator('button[name="method"]').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(button, 'rgb(138, 21, 56)', 'buttons take the configured primary colour');
      await audit(page, 'login-branded');

      const theme = await fetch(`${olympus.publicUrl}/hera/assets/theme.css`);
      assert.match(theme.headers.get('content-type') ?? '', /^text\/css/);
      const css = await theme.text();
      for (const colour of Object.values(COLORS)) assert.ok(css.includes(colour), `theme.css carries ${colour}`);

      const logoResponse = await fetch(`${olympus.publicUrl}/hera/assets/logo`);
      assert.equal(logoResponse.status, 200);
      assert.equal(logoResponse.headers.get('content-type'), 'image/svg+xml');
      assert.equal(logoResponse.headers.get('x-content-type-options'), 'nosniff');
      assert.match(logoResponse.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.match(logoResponse.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.equal(await logoResponse.text(), LOGO_SVG);
    });

    /** No horizontal scrolling, and every control at least 44 px tall (WCAG 2.2 §1.4.10, §2.5.8). */
    const assertFitsPhone = async (page: Page, name: string) => {
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `${name}: no horizontal scroll (${scrollWidth} > ${clientWidth})`);
      const controls = page.locator('main button, main input:not([type=hidden]):not([type=checkbox])');
      for (const box of await controls.evaluateAll((els) => els.map((el) => ({ name: el.outerHTML.slice(0, 60), height: el.getBoundingClientRect().height })))) {
        assert.ok(box.height >= 44, `${name}: ${box.name} is ${box.height}px tall`);
      }
      await audit(page, `${name}-320px`);
    };

    test('phone width 320×640: login, consent and error pages fit and keep large targets', async () => {
      const page = await open({ viewport: { width: 320, height: 640 } });
      await page.goto((await authorization('phone-state')).url);
      assert.ok(await page.locator('main input').count() >= 2);
      await assertFitsPhone(page, 'login');
      await signIn(page, DEMO_PASSWORD, /\/consent\?/);
      assert.equal(await page.locator('main button').count(), 2);
      await assertFitsPhone(page, 'consent');
      const description = `The redirect_uri ${'https://an-application.example/with/a/very/long/path/that/does/not/break'.repeat(2)} is not registered.`;
      await page.goto(`${olympus.publicUrl}/error?${new URLSearchParams({ error: 'invalid_request', error_description: description })}`);
      assert.match(await page.getByRole('alert').innerText(), /invalid_request/);
      await assertFitsPhone(page, 'error');
      await page.goto(`${olympus.publicUrl}/error?id=not-a-sealed-error`);
      await assertFitsPhone(page, 'error-sealed');

      // German labels are longer: an identity error (an unknown flow) with its failed request's id.
      const german = await open({ viewport: { width: 320, height: 640 }, locale: 'de-DE' });
      await german.goto(`${olympus.publicUrl}/login?flow=00000000-0000-4000-8000-000000000000`);
      assert.equal(new URL(german.url()).pathname, '/error');
      assert.equal(await langOf(german), 'de');
      assert.equal(await h1Of(german), PAGES_DE['error.heading']);
      await assertFitsPhone(german, 'error-de');
    });

    /** The focused element and whether its focus ring shows. */
    const focused = (page: Page) => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(), name: el.getAttribute('name'), className: el.className, href: el.getAttribute('href'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
      };
    });

    test('keyboard only: skip link first, fields in order, focus visible, Enter signs in', async () => {
      const page = await open();
      await page.goto((await authorization('keyboard-state')).url);
      const expected = [
        (f: Awaited<ReturnType<typeof focused>>) => f.tag === 'a' && f.className === 'skip-link' && f.href === '#main',
        (f: Awaited<ReturnType<typeof focused>>) => f.tag === 'a' && f.className === 'home',
        (f: Awaited<ReturnType<typeof focused>>) => f.tag === 'input' && f.name === 'identifier',
        (f: Awaited<ReturnType<typeof focused>>) => f.tag === 'input' && f.name === 'password',
        (f: Awaited<ReturnType<typeof focused>>) => f.tag === 'button' && f.name === 'method',
      ];
      for (const [step, matches] of expected.entries()) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        assert.ok(matches(now), `Tab ${step + 1} focuses ${JSON.stringify(now)}`);
        assert.ok(now.outline, `Tab ${step + 1}: the focus is visible on ${now.tag}.${now.className || now.name}`);
      }
      // Back to the identifier and sign in by typing only.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      assert.equal((await focused(page)).name, 'identifier');
      await page.keyboard.type(DEMO_EMAIL);
      await page.keyboard.press('Tab');
      await page.keyboard.type(DEMO_PASSWORD);
      await Promise.all([page.waitForURL(/\/consent\?/), page.keyboard.press('Enter')]);
      await audit(page, 'consent-en');
      for (let tabs = 0; tabs < 6 && (await focused(page)).tag !== 'button'; tabs++) await page.keyboard.press('Tab');
      const allow = await focused(page);
      assert.equal(allow.tag, 'button', 'the Allow button is reachable by Tab');
      assert.ok(allow.outline, 'the focus is visible on the Allow button');
      await Promise.all([page.waitForURL(isCallback), page.keyboard.press('Enter')]);
      assert.ok(new URL(page.url()).searchParams.get('code'));
    });

    test('JavaScript disabled: login, consent and callback work, and the code is exchanged', async () => {
      const page = await open({ javaScriptEnabled: false });
      const { url, verifier, clientId } = await authorization('nojs-state');
      await page.goto(url);
      assert.equal(new URL(page.url()).pathname, '/login');
      await signIn(page, DEMO_PASSWORD, /\/consent\?/);
      await Promise.all([page.waitForURL(isCallback), page.getByRole('button', { name: 'Allow' }).click()]);
      const callback = new URL(page.url());
      assert.equal(callback.searchParams.get('state'), 'nojs-state');
      const token = await tokenRequest(olympus.publicUrl, {
        grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier,
      });
      assert.equal(token.status, 200, JSON.stringify(token.body));
      assert.ok(token.body.id_token);
    });

    test('no request of any page left the server\'s or the app\'s origin', () => {
      assert.ok(requested.length > 20, `requests were recorded (${requested.length})`);
      const origins = new Set(requested.map((u) => new URL(u).origin));
      assert.deepEqual([...origins].filter((o) => o !== olympus.publicUrl && o !== appOrigin), []);
    });
  });
}
