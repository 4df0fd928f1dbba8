/**
 * The playground's whole run in real Chromium with the demo user, on SQLite and PostgreSQL (docs/playground.md):
 * set up → authorize → Hera login → callback → exchange → every ID-token check ✔ → userinfo → refresh →
 * revoke → 401 → logout, each step saved as test-output/screenshots/playground-<db>-<step>.png with zero
 * axe-core violations; the pages need no sideways scrolling at 320 px; the same run without JavaScript,
 * in German (a context without JavaScript cannot run axe-core or measure the page, so those pages are
 * only saved; the same pages pass both checks in the run above).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { checkAccessibility, describeViolations, launchBrowser, screenshot } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

/** The screenshot of this step, zero axe-core violations, and no horizontal scrolling at 320 px. */
const audit = async (page: Page, name: string): Promise<void> => {
  await screenshot(page, name);
  const violations = await checkAccessibility(page);
  assert.equal(violations.length, 0, `axe-core violations on ${name} (${page.url()}):\n${describeViolations(violations)}`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 320, `${name}: no horizontal scrolling at 320 px (scrollWidth ${overflow})`);
    await screenshot(page, `${name}-320`);
  } finally {
    if (size) await page.setViewportSize(size);
  }
};

const click = async (page: Page, name: string | RegExp, until: (url: URL) => boolean): Promise<void> => {
  await Promise.all([page.waitForURL(until), page.getByRole('button', { name, exact: typeof name === 'string' }).first().click()]);
};

const idTokenChecks = async (page: Page) => ({
  failed: await page.locator('#id-token li[data-status="failed"]').count(),
  passed: await page.locator('#id-token li[data-status="ok"]').count(),
});

/** Set up, authorize and sign in at Hera; resolves on the callback page. */
const runToCallback = async (page: Page, olympus: TestServer, prefix: string, labels: { submit: string; go: string }): Promise<void> => {
  await page.goto(`${olympus.publicUrl}/playground`);
  await audit(page, `${prefix}-setup`);
  await click(page, labels.submit, (u) => u.pathname === '/playground/authorize');
  await audit(page, `${prefix}-authorize`);
  await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.getByRole('link', { name: labels.go }).click()]);
  await page.locator('input[name="identifier"]').fill(DEMO_EMAIL);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await screenshot(page, `${prefix}-hera-login`);
  await Promise.all([page.waitForURL((u) => u.pathname === '/playground/callback'), page.locator('button[name="method"][value="password"]').click()]);
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Playground in Chromium (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startTestServer(kind);
      await ensureDemoIdentity(olympus.server.identity);
    });
    after(async () => olympus?.close());

    test('the whole run: every step shown and checked, back at the playground after logout', { timeout: 180_000 }, async () => {
      const context = await browser.newContext({ locale: 'en-US' });
      context.setDefaultTimeout(20_000);
      try {
        const page = await context.newPage();
        const prefix = `playground-${kind}`;
        await runToCallback(page, olympus, prefix, { submit: 'Build the authorization request', go: 'Go to the authorization server' });
        assert.equal(await page.locator('section[aria-labelledby="cb-checks"] li .ok').count(), 2, 'state and iss ✔');
        assert.match(await page.locator('#exchange + p + .card pre').first().innerText(), /^POST http:\/\/127\.0\.0\.1:\d+\/oauth2\/token/);
        const checks = await idTokenChecks(page);
        assert.equal(checks.failed, 0, 'no ID-token check fails');
        assert.ok(checks.passed >= 8, `every applicable ID-token check passes (${checks.passed})`);
        assert.match(await page.locator('#id-token li[data-check="signature"]').innerText(), /passed/, '✔ also in words');
        await audit(page, `${prefix}-callback`);

        await click(page, 'Call userinfo', (u) => u.pathname === '/playground/userinfo');
        assert.match(await page.locator('ul.checks').first().innerText(), /passed: sub .+ equals the ID token's sub/);
        await audit(page, `${prefix}-userinfo`);

        await click(page, 'Refresh the tokens', (u) => u.pathname === '/playground/refresh');
        assert.match(await page.locator('#rotation + ul').innerText(), /passed: A new refresh token/);
        assert.equal((await idTokenChecks(page)).failed, 0);
        await audit(page, `${prefix}-refresh`);

        await click(page, 'Revoke the access token', (u) => u.pathname === '/playground/revoke');
        assert.match(await page.locator('#revoked-userinfo ~ ul.checks, section[aria-labelledby="revoked-userinfo"] ul.checks').first().innerText(), /Refused with 401/);
        await audit(page, `${prefix}-revoke`);

        await click(page, 'Log out', (u) => u.pathname === '/logout' || (u.pathname === '/playground' && u.searchParams.has('state')));
        if (new URL(page.url()).pathname === '/logout') {
          await screenshot(page, `${prefix}-hera-logout`);
          await click(page, 'Yes, sign out', (u) => u.pathname === '/playground' && u.searchParams.has('state'));
        }
        assert.match(await page.locator('[role="status"]').first().innerText(), /passed: the state equals the one the playground sent/);
        await audit(page, `${prefix}-logged-out`);
      } finally {
        await context.close();
      }
    });

    test('without JavaScript and in German: the same run to logout works, form_post included (its Continue button)', { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false });
      context.setDefaultTimeout(20_000);
      try {
        const page = await context.newPage();
        const prefix = `playground-${kind}-nojs-de`;
        await page.goto(`${olympus.publicUrl}/playground`);
        assert.equal(await page.locator('html').getAttribute('lang'), 'de');
        await page.getByLabel('response_mode').selectOption('form_post');
        await click(page, 'Autorisierungsanfrage erstellen', (u) => u.pathname === '/playground/authorize');
        await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.getByRole('link', { name: 'Zum Autorisierungsserver' }).click()]);
        await page.locator('input[name="identifier"]').fill(DEMO_EMAIL);
        await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
        await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.locator('button[name="method"][value="password"]').click()]);
        // Without a script the form_post page waits for its button.
        if (new URL(page.url()).pathname !== '/playground/callback') await click(page, 'Continue', (u) => u.pathname === '/playground/callback');
        assert.match(await page.locator('#received + p').innerText(), /Formular/);
        assert.equal((await idTokenChecks(page)).failed, 0);
        await screenshot(page, `${prefix}-callback`);
        await click(page, 'Userinfo abrufen', (u) => u.pathname === '/playground/userinfo');
        assert.match(await page.locator('ul.checks').first().innerText(), /bestanden/);
        await screenshot(page, `${prefix}-userinfo`);

        await click(page, 'Tokens erneuern', (u) => u.pathname === '/playground/refresh');
        assert.equal((await idTokenChecks(page)).failed, 0);
        await screenshot(page, `${prefix}-refresh`);
        await click(page, 'Access-Token widerrufen', (u) => u.pathname === '/playground/revoke');
        assert.match(await page.locator('body').innerText(), /Mit 401 abgelehnt/);
        await screenshot(page, `${prefix}-revoke`);
        await click(page, 'Abmelden', (u) => u.pathname === '/logout' || (u.pathname === '/playground' && u.searchParams.has('state')));
        if (new URL(page.url()).pathname === '/logout') await click(page, 'Ja, abmelden', (u) => u.pathname === '/playground' && u.searchParams.has('state'));
        assert.match(await page.locator('[role="status"]').first().innerText(), /bestanden/);
        await screenshot(page, `${prefix}-logged-out`);
      } finally {
        await context.close();
      }
    });
  });
}
