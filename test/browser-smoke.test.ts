/**
 * Smoke test of the browser harness on a real Olympus: headless Chromium meets the OAuth2 error page
 * for an unknown client — the error id on screen finds the server's log line, the page passes
 * axe-core with zero violations, and the browser sees CSP frame-ancestors 'none'.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { checkAccessibility, describeViolations, launchBrowser, newPage, screenshot, type TracedPage } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/server.ts';

describe('browser smoke: the error page in headless Chromium', () => {
  let olympus: TestServer;
  let browser: Browser;
  let traced: TracedPage;

  before(async () => {
    [olympus, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    traced = await newPage(browser);
  });
  after(async () => {
    await traced?.close();
    await browser?.close();
    await olympus?.close();
  });

  test('an unknown client shows an accessible error page whose error id is in the log', async () => {
    const url = `${olympus.publicUrl}/oauth2/auth?client_id=unknown&response_type=code`;
    const response = await traced.page.goto(url);
    assert.ok(response, 'the navigation has a response');
    assert.equal(response.status(), 401);

    // No redirect anywhere: the browser stays on Olympus' own error page (RFC 6749 §4.1.2.1).
    assert.deepEqual(traced.network.filter((hop) => hop.url === url).map((hop) => [hop.status, hop.location]), [[401, null]]);
    assert.equal(new URL(traced.page.url()).origin, olympus.publicUrl);

    const headers = await response.allHeaders();
    assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);

    const errorId = (await traced.page.locator('#error-id').textContent())?.trim();
    assert.ok(errorId, 'the page shows an error id');
    assert.ok(
      olympus.logs.some((line) => line.error_id === errorId && line.error === 'invalid_client'),
      `the error id ${errorId} finds the invalid_client log line`,
    );
    assert.match(await traced.page.getByRole('alert').innerText(), /invalid_client/);

    const png = await screenshot(traced.page, 'error-unknown-client');
    assert.ok(existsSync(png), `screenshot saved at ${png}`);

    const violations = await checkAccessibility(traced.page);
    assert.equal(violations.length, 0, `axe-core violations:\n${describeViolations(violations)}`);
  });

  test('the same page is drawn by Hera in the browser\'s language, with the troubleshooting link of the code', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${olympus.publicUrl}/oauth2/auth?client_id=unknown-too&response_type=code`);
      assert.equal(response?.status(), 401);
      assert.equal(await page.locator('html').getAttribute('lang'), 'de');
      assert.equal(await page.locator('h1').innerText(), 'Etwas ist schiefgelaufen');
      const errorId = (await page.locator('#error-id').textContent())?.trim();
      assert.ok(olympus.logs.some((line) => line.error_id === errorId && line.error === 'invalid_client'), `the error id ${errorId} is in the log`);
      assert.equal(await page.getByRole('link', { name: /invalid_client/ }).getAttribute('href'), `${olympus.publicUrl}/docs/troubleshooting/invalid_client`);
      await screenshot(page, 'error-unknown-client-de');
      const violations = await checkAccessibility(page);
      assert.equal(violations.length, 0, `axe-core violations:\n${describeViolations(violations)}`);
    } finally {
      await context.close();
    }
  });
});
