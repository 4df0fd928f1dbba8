/**
 * Athena's Traces section in Chromium, on SQLite and PostgreSQL (docs/operations/tracing.md): a good
 * login and two broken ones (a redirect URI with a trailing slash, a PKCE verifier that does not match)
 * are found from the ids their users saw — an error page's id, an X-Request-Id, a login challenge — and
 * drawn as a chain with the failing stop, its cause code and fix, the notices and this node's log lines;
 * the recent traces filter by outcome; the pages pass axe-core, fit 320 px, work without JavaScript and
 * in German. Every page is saved as a screenshot.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { auditPage, signInToAthena } from './support/athena.ts';
import { Browser as HttpBrowser } from './support/browser.ts';
import { SCREENSHOT_DIR, launchBrowser, screenshot } from './support/chromium.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { signInAt, startAtHera, type WalkTarget } from './support/hera-walk.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const REDIRECT = 'http://127.0.0.1:9/traced-callback';
const APP = 'traced-app';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

/** A login through Hera up to the code, by the HTTP walker; the login challenge and the code's verifier. */
const loginToCode = async (target: WalkTarget) => {
  const walker = new HttpBrowser();
  const { hera, verifier } = await startAtHera(walker, target);
  const challenge = new URL(hera.url).searchParams.get('login_challenge');
  assert.ok(challenge, hera.url);
  const submitted = await signInAt(walker, target.publicUrl, hera, DEMO_EMAIL, DEMO_PASSWORD);
  assert.equal(submitted.status, 303, submitted.body);
  let hop = await walker.get(submitted.location!);
  while (hop.location !== null && !hop.location.startsWith(REDIRECT)) hop = await walker.get(new URL(hop.location, target.publicUrl).toString());
  const code = new URL(hop.location ?? 'http://none/').searchParams.get('code');
  assert.ok(code, `the app got a code: ${hop.status} ${hop.location} ${hop.body.slice(0, 300)}`);
  return { challenge, code, verifier };
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Athena: traces (${kind})`, () => {
    let olympus: TestServer;
    let target: WalkTarget;
    let page: Page;
    let context: BrowserContext;

    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, hera: { ...c.hera, firstPartyClients: [APP] } }));
      await ensureDemoIdentity(olympus.server.identity);
      await createClient(olympus.adminUrl, {
        client_id: APP, client_name: 'Traced App', token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT],
        scope: 'openid email', grant_types: ['authorization_code'], response_types: ['code'],
      });
      target = { publicUrl: olympus.publicUrl, clientId: APP, redirectUri: REDIRECT, scope: 'openid email' };
      ({ page, context } = await signInToAthena(browser, olympus, DEMO_EMAIL, DEMO_PASSWORD));
    });
    after(async () => {
      await context?.close();
      await olympus?.close();
    });

    const audit = (name: string) => auditPage(page, `athena-traces-${kind}-${name}`);
    const flushed = () => olympus.server.traces!.flush();
    const search = async (text: string): Promise<void> => {
      await page.goto(`${olympus.adminUrl}/traces`);
      await page.getByLabel('Search traces').fill(text);
      // The keyboard submits the search: no script is involved.
      await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/traces')), page.getByLabel('Search traces').press('Enter')]);
    };
    const stopNames = async (): Promise<string[]> => page.locator('ol.chain > li .line strong:first-child').allInnerTexts();
    /** `expected` appears in `actual` in this order (other stops may sit between them). */
    const inOrder = (actual: readonly string[], expected: readonly string[]): void => {
      let at = 0;
      for (const name of actual) if (name === expected[at]) at += 1;
      assert.equal(at, expected.length, `stops ${expected.join(' → ')} in order within ${actual.join(' → ')}`);
    };

    test('a good login: found by its login challenge and by the token response\'s X-Request-Id, drawn in order with nothing failing, with its log lines', async () => {
      const { challenge, code, verifier } = await loginToCode(target);
      const tokens = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: APP, code_verifier: verifier });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      await flushed();

      await page.getByRole('link', { name: 'Traces', exact: true }).click();
      await page.waitForURL(`${olympus.adminUrl}/traces`);
      const newest = page.locator('table.traces tbody tr').first();
      assert.match(await newest.innerText(), new RegExp(`${APP}[\\s\\S]*${DEMO_EMAIL.replace('.', '\\.')}[\\s\\S]*OK`), 'the newest trace: its client, identity label and outcome');
      await audit('list');

      await search(challenge);
      assert.match(new URL(page.url()).pathname, /^\/traces\/[^/]+$/, 'one trace carries the challenge: it opens');
      const traceUrl = page.url();
      inOrder(await stopNames(), ['authorize', 'login_submitted', 'code_issued', 'token_exchange']);
      assert.equal(await page.locator('ol.chain > li.failing').count(), 0, 'no stop failed');
      assert.match(await page.locator('.card dl.details').innerText(), /OK/);
      for (const drawing of await page.locator('.timeline svg').all()) assert.equal(await drawing.getAttribute('aria-hidden'), 'true', 'the picture is hidden from screen readers; the list says it');
      assert.equal(await page.locator('.timeline svg.wide g.mark').count(), await page.locator('ol.chain > li').count(), 'one mark per stop');
      assert.ok(await page.locator('table.logs tbody tr').count() >= 1, 'this node\'s log lines under the trace id');
      const shown = await page.content();
      for (const secret of [DEMO_PASSWORD, code, verifier, tokens.body.access_token, tokens.body.id_token]) {
        assert.ok(secret && !shown.includes(secret), 'the page shows no password, code, verifier or token');
      }
      await audit('good');

      await search(tokens.headers.get('x-request-id')!);
      assert.equal(page.url(), traceUrl, 'the token response\'s X-Request-Id opens the same trace');

      await page.goto(`${olympus.adminUrl}/requests/lookup?kind=login&challenge=${encodeURIComponent(challenge)}`);
      await Promise.all([page.waitForURL(traceUrl), page.locator('dl.details a', { hasText: new URL(traceUrl).pathname.split('/').pop()! }).click()]);
    });

    test('a redirect URI with a trailing slash: the error page\'s id opens the trace; the failing stop names redirect_uri_mismatch and its fix', async () => {
      const refused = await new HttpBrowser().get(authorizeUrl(olympus.publicUrl, {
        client_id: APP, response_type: 'code', redirect_uri: `${REDIRECT}/`, scope: 'openid', state: 'slash-state-1',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      assert.equal(refused.status, 400, refused.body.slice(0, 300));
      const errorId = /id="error-id">([^<]+)</.exec(refused.body)?.[1];
      assert.ok(errorId, 'the error page shows an error id');
      await flushed();

      await search(errorId);
      assert.match(new URL(page.url()).pathname, /^\/traces\/[^/]+$/, `the error id opens its trace (${page.url()})`);
      const failing = page.locator('ol.chain > li.failing');
      assert.equal(await failing.count(), 1, 'one failing stop, highlighted');
      assert.match(await failing.locator('.line').innerText(), /authorize[\s\S]*refused/);
      assert.match(await failing.locator('.finding.failure h3').innerText(), /redirect_uri_mismatch/);
      assert.match(await failing.locator('.finding.failure').innerText(), /Fix:/);
      const doc = await page.request.get(new URL((await failing.locator('.finding.failure a').first().getAttribute('href'))!, olympus.adminUrl).toString());
      assert.equal(doc.status(), 200, 'the cause links to its troubleshooting page');
      assert.match(await doc.text(), /redirect_uri/);
      assert.equal(await page.locator('.timeline svg.wide g.mark.failing').count(), 1, 'the failing mark is drawn apart');
      await audit('redirect-mismatch');

      await search(refused.headers.get('x-request-id')!);
      assert.match(await page.locator('ol.chain > li.failing .finding h3').innerText(), /redirect_uri_mismatch/, 'the X-Request-Id finds it too');
    });

    test('a PKCE verifier that does not match: the token response\'s request id opens the chain of the login with the token exchange failing', async () => {
      const { code } = await loginToCode(target);
      const refused = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: APP, code_verifier: pkcePair().verifier });
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      await flushed();

      await search(refused.headers.get('x-request-id')!);
      assert.match(new URL(page.url()).pathname, /^\/traces\/[^/]+$/);
      const failing = page.locator('ol.chain > li.failing');
      assert.match(await failing.locator('.line').innerText(), /token_exchange[\s\S]*refused/);
      assert.match(await failing.innerText(), /invalid_grant/);
      assert.match(await failing.locator('.finding.failure h3').innerText(), /pkce_verifier_mismatch/);
      await audit('pkce-mismatch');

      await page.goto(`${olympus.adminUrl}/traces?outcome=failed`);
      const rows = page.locator('table.traces tbody tr');
      assert.ok(await rows.count() >= 2, 'both broken traces are listed as failed');
      for (const row of await rows.all()) assert.match(await row.innerText(), /Failed/);
      assert.match(await rows.first().innerText(), /token_exchange[\s\S]*invalid_grant/, 'the newest failure and its first failing stop');
      await page.goto(`${olympus.adminUrl}/traces?outcome=ok&client=${APP}`);
      assert.ok(await rows.count() >= 1);
      for (const row of await rows.all()) assert.doesNotMatch(await row.innerText(), /Failed/);
      await audit('list-filtered');

      await search(DEMO_EMAIL);
      assert.match(await page.locator('[role=status]').innerText(), /traces found for "admin@demo\.user" \(as email\)/);
      assert.ok(await rows.count() >= 3, 'the identity\'s traces: its console sign-in and the logins of this file');
    });

    test('at 320 px the trace page needs no sideways scrolling; a search that finds nothing says so at the field; without JavaScript and in German the pages still work', async () => {
      await page.goto(`${olympus.adminUrl}/traces?outcome=failed`);
      await Promise.all([page.waitForURL((u) => /^\/traces\/[^/]+$/.test(u.pathname)), page.locator('table.traces tbody tr a').first().click()]);
      const traceUrl = page.url();
      await page.setViewportSize({ width: 320, height: 900 });
      try {
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no horizontal scrolling at 320 px');
        assert.ok(await page.locator('.timeline svg.narrow').isVisible() && !(await page.locator('.timeline svg.wide').isVisible()), 'three stops a row on a narrow screen');
        await audit('narrow');
        await page.locator('.timeline').screenshot({ path: join(SCREENSHOT_DIR, `athena-traces-${kind}-narrow-timeline.png`) });
      } finally {
        await page.setViewportSize({ width: 1280, height: 720 });
      }

      await search('no-such-id-at-all');
      assert.equal(await page.getByLabel('Search traces').getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#trace-q-error').innerText(), /No trace carries "no-such-id-at-all"/);
      await audit('nothing');

      const plain = await browser.newContext({ storageState: await context.storageState(), javaScriptEnabled: false, locale: 'de-DE' });
      try {
        const german = await plain.newPage();
        await german.goto(traceUrl);
        assert.equal(await german.locator('html').getAttribute('lang'), 'de');
        assert.equal(await german.locator('main h2').first().innerText(), 'Stationen');
        assert.equal(await german.locator('ol.chain > li.failing').count(), 1, 'server-rendered: the chain needs no script');
        await german.getByLabel('Traces durchsuchen').fill(APP);
        await Promise.all([german.waitForURL((u) => u.searchParams.get('q') === APP), german.getByLabel('Traces durchsuchen').press('Enter')]);
        assert.match(await german.locator('[role=status]').innerText(), /Traces zu „traced-app“ gefunden \(als Client-ID\)/);
        assert.ok(await german.locator('table.traces tbody tr').count() >= 3, 'the client\'s traces');
        await screenshot(german, `athena-traces-${kind}-search-de-nojs`);
      } finally {
        await plain.close();
      }
    });
  });
}
