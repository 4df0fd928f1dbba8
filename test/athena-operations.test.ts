/**
 * Athena's operations pages in Chromium, on SQLite and PostgreSQL: Home's counts; Login & consent
 * requests (a pending login listed, then looked up pending and accepted, never with its verifier,
 * AS-21); the Courier's dev inbox and a failed message's attempts, never a body; Keys with their
 * rotation states and a rotation behind a confirmation page, audited as key.create; the Audit log
 * filtered by an action family and paged. Zero axe-core violations and a screenshot of every page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enqueueEmail } from '@olympus/identity';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { auditPage, signInToAthena } from './support/athena.ts';
import { Browser as HttpBrowser, queryOf } from './support/browser.ts';
import { launchBrowser } from './support/chromium.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';
import { signInAt, startAtHera } from './support/hera-walk.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const REDIRECT = 'https://ops.example/cb';
const CODE = '482913';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Athena: home, requests, courier, keys and audit log (${kind})`, () => {
    let olympus: TestServer;
    let page: Page;
    let context: BrowserContext;

    before(async () => {
      olympus = await startTestServer(kind);
      await ensureDemoIdentity(olympus.server.identity);
      ({ page, context } = await signInToAthena(browser, olympus, DEMO_EMAIL, DEMO_PASSWORD));
    });
    after(async () => {
      await context?.close();
      await olympus?.close();
    });

    const audit = (name: string) => auditPage(page, `athena-ops-${kind}-${name}`);
    const admin = async <T>(path: string): Promise<T> => (await (await fetch(`${olympus.adminUrl}${path}`)).json()) as T;
    const countOf = async (label: string): Promise<number> =>
      Number((await page.locator('.counts li', { hasText: label }).locator('strong').innerText()).replace(/\D/g, ''));

    test('Home counts clients, identities, active sessions, the sign-ins of the last 24 hours and the failed ones', async () => {
      const { client_id: counted } = await createClient(olympus.adminUrl, { client_name: 'Counted', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' });
      const walker = new HttpBrowser();
      const { hera } = await startAtHera(walker, { publicUrl: olympus.publicUrl, clientId: counted, redirectUri: REDIRECT, scope: 'openid' });
      await signInAt(walker, olympus.publicUrl, hera, DEMO_EMAIL, 'a-wrong-password-1');
      await olympus.server.traces!.flush();
      await page.goto(`${olympus.adminUrl}/`);
      assert.equal(await page.locator('h1').innerText(), 'Olympus at a glance');
      assert.equal(await countOf('OAuth2 clients'), (await admin<unknown[]>('/admin/clients?page_size=500')).length);
      assert.equal(await countOf('Identities'), (await admin<unknown[]>('/admin/identities?page_size=500')).length);
      assert.ok(await countOf('Active sessions') >= 1, 'the administrator\'s own session is active');
      assert.ok(await countOf('Sign-ins in the last 24 hours') >= 1, 'and was issued a moment ago');
      assert.equal(await countOf('Failed sign-in attempts, last 24 hours'), 1, 'the one wrong password');
      assert.ok(await countOf('Successful sign-in attempts, last 24 hours') >= 1, 'the administrator\'s own sign-in');
      const newest = page.locator('table', { has: page.locator('th', { hasText: 'Cause' }) }).locator('tbody tr').first();
      assert.match(await newest.innerText(), /login_submitted[\s\S]*4000006/, 'the newest error is the wrong password, with its message id');
      await audit('home');
    });

    test('a pending login is listed, looked up as pending, then as accepted without its verifier', async () => {
      const { client_id: clientId } = await createClient(olympus.adminUrl, {
        client_name: 'Waiting App', redirect_uris: [REDIRECT], scope: 'openid email', token_endpoint_auth_method: 'none',
      });
      const start = await new HttpBrowser().get(authorizeUrl(olympus.publicUrl, {
        client_id: clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid email', state: 'ops-state-1',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
      }));
      const challenge = queryOf(start.location).get('login_challenge')!;

      await page.getByRole('link', { name: 'Login & consent requests' }).click();
      await page.waitForURL(`${olympus.adminUrl}/requests`);
      const row = page.locator('tbody tr', { hasText: 'Waiting App' });
      assert.match(await row.innerText(), /Login/);
      assert.match(await row.innerText(), /not known yet/);
      await audit('requests');

      await row.getByRole('link').click();
      await page.waitForURL((u) => u.pathname === '/requests/lookup');
      assert.match(await page.locator('dl.details').innerText(), /Pending: waiting for the Login UI/);
      assert.match(await page.locator('dl.details').innerText(), new RegExp(clientId));
      await audit('request-pending');

      const accepted = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/login/accept?login_challenge=${encodeURIComponent(challenge)}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'ada' }),
      });
      const { redirect_to: redirectTo } = (await accepted.json()) as { redirect_to: string };
      const verifier = new URL(redirectTo).searchParams.get('login_verifier')!;
      await page.goto(`${olympus.adminUrl}/requests`);
      assert.equal(await page.locator('tbody tr', { hasText: 'Waiting App' }).count(), 0, 'a handled request is no longer pending');
      await page.getByLabel('Challenge', { exact: true }).fill(challenge);
      await page.getByLabel('Login', { exact: true }).check();
      await Promise.all([page.waitForURL((u) => u.pathname === '/requests/lookup'), page.getByRole('button', { name: 'Look up' }).click()]);
      assert.match(await page.locator('dl.details').innerText(), /Accepted/);
      const shown = await page.content();
      assert.ok(!shown.includes(verifier) && !shown.includes('login_verifier'), 'the verifier URL is never shown (AS-21)');
      await audit('request-accepted');

      await page.getByLabel('Challenge', { exact: true }).fill('no-such-challenge');
      const [unknown] = await Promise.all([page.waitForResponse((r) => r.url().includes('/requests/lookup')), page.getByRole('button', { name: 'Look up' }).click()]);
      assert.equal(unknown.status(), 404);
      assert.equal(await page.getByLabel('Challenge', { exact: true }).getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#challenge-error').innerText(), /No Login request has this challenge/);
      await audit('request-unknown');
    });

    test('the courier lists the dev inbox and a failed message with its error, never a body', async () => {
      const { identity } = olympus.server;
      const failing = await enqueueEmail(identity, { recipient: 'bounce@ops.example', templateType: 'recovery_code_valid', context: { code: CODE, expiresInMinutes: 15 } });
      const claimed = await identity.storage.courier.claim(10, identity.now(), 60_000);
      assert.deepEqual(claimed.map((m) => m.id), [failing.id], 'nothing else was queued yet');
      await identity.storage.courier.markFailed(failing.id, { error: '550 mailbox unavailable', now: identity.now(), retryAt: identity.now(), maxSends: 1 });
      await enqueueEmail(identity, { recipient: 'inbox@ops.example', templateType: 'verification_code_valid', context: { code: CODE, expiresInMinutes: 15 } });

      await page.getByRole('link', { name: 'Courier' }).click();
      await page.waitForURL(`${olympus.adminUrl}/courier`);
      assert.match(await page.locator('[role=status]').innerText(), /dev inbox/);
      assert.match(await page.locator('tbody tr', { hasText: 'inbox@ops.example' }).innerText(), /Queued/);
      const bounced = page.locator('tbody tr', { hasText: 'bounce@ops.example' });
      assert.match(await bounced.innerText(), /Abandoned/);
      assert.match(await bounced.innerText(), /550 mailbox unavailable/);
      assert.ok(!(await page.content()).includes(CODE), 'no body, so no code, in the list');
      await audit('courier');

      await page.getByLabel('Status').selectOption('abandoned');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('status') === 'abandoned'), page.getByRole('button', { name: 'Show' }).click()]);
      assert.equal(await page.locator('tbody tr').count(), 1, 'the status filter');
      await bounced.getByRole('link').click();
      await page.waitForURL((u) => u.pathname === `/courier/${failing.id}`);
      assert.match(await page.locator('h1').innerText(), /bounce@ops\.example/);
      assert.match(await page.locator('table').innerText(), /Failed\s+550 mailbox unavailable/);
      assert.ok(!(await page.content()).includes(CODE), 'the message page withholds the body');
      assert.match(await page.locator('main').innerText(), /The body is not shown/);
      await audit('courier-message');
    });

    test('keys show their states; a rotation behind a confirmation page adds the next key and is audited', async () => {
      const set = 'hydra.openid.id-token';
      await page.getByRole('link', { name: 'Keys' }).click();
      await page.waitForURL(`${olympus.adminUrl}/keys`);
      const section = page.locator('section', { has: page.getByRole('heading', { name: set }) });
      assert.equal(await section.locator('tbody tr').count(), 1);
      assert.match(await section.locator('tbody tr').innerText(), /Signing/);
      await audit('keys');

      await section.getByRole('link', { name: `Rotate ${set}` }).click();
      await page.waitForURL((u) => u.pathname === `/keys/${set}/rotate`);
      assert.match(await page.locator('[role=alert]').innerText(), /published at once/);
      await audit('keys-rotate');
      await Promise.all([page.waitForURL((u) => u.pathname === '/keys' && u.searchParams.has('created')), page.getByRole('button', { name: 'Create the new key' }).click()]);
      const kid = new URL(page.url()).searchParams.get('created')!;
      assert.match(await page.locator('[role=status]').innerText(), new RegExp(`The key ${kid} was created in ${set.replaceAll('.', '\\.')}`));
      const rows = await section.locator('tbody tr').allInnerTexts();
      assert.equal(rows.length, 2);
      assert.match(rows[0], new RegExp(`${kid}[\\s\\S]*Next: published, not signing yet`), 'the new key comes first, waiting to sign');
      assert.match(rows[1], /Signing/, 'the old key signs until the new one activates');
      await audit('keys-rotated');

      const jwks = await (await fetch(`${olympus.publicUrl}/.well-known/jwks.json`)).json() as { keys: Array<{ kid: string }> };
      assert.ok(jwks.keys.some((k) => k.kid === kid), 'the new key is published before it signs');
      const events = await admin<Array<Record<string, any>>>(`/admin/audit-events?target=${encodeURIComponent(`${set}/${kid}`)}`);
      assert.deepEqual(events.map((e) => [e.action, e.actor.kind, e.actor.label]), [['key.create', 'identity', DEMO_EMAIL]]);
      assert.ok(!JSON.stringify(events).match(/"(d|p|q|dp|dq|qi)":/), 'public parts only in the event');
    });

    test('the audit log filters by an action family and pages newest first', async () => {
      const { client_id: clientId } = await createClient(olympus.adminUrl, { client_name: 'Audited 0', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' });
      for (let i = 1; i <= 26; i++) {
        const res = await fetch(`${olympus.adminUrl}/admin/clients/${encodeURIComponent(clientId)}`, {
          method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ op: 'replace', path: '/client_name', value: `Audited ${i}` }]),
        });
        assert.equal(res.status, 200);
      }
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.waitForURL(`${olympus.adminUrl}/audit`);
      const first = page.locator('tbody tr').first();
      assert.match(await first.innerText(), /client\.update/);
      assert.match(await first.innerText(), /\/client_name: "Audited 25" → "Audited 26"/, 'the newest first, with its diff');
      await audit('audit');

      await page.getByLabel('Target').fill(clientId);
      await page.getByLabel('Action').selectOption('client');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('action') === 'client'), page.getByRole('button', { name: 'Filter' }).click()]);
      const firstPage = await page.locator('tbody tr td[data-label="Action"]').allInnerTexts();
      assert.equal(firstPage.length, 25);
      assert.ok(firstPage.every((a) => a.startsWith('client.')), 'only the client family');
      await Promise.all([page.waitForURL((u) => u.searchParams.has('page')), page.getByRole('link', { name: 'Next page' }).click()]);
      assert.equal(new URL(page.url()).searchParams.get('target'), clientId, 'the filters are kept');
      assert.deepEqual(await page.locator('tbody tr td[data-label="Action"]').allInnerTexts(), ['client.update', 'client.create']);
      assert.equal(await page.getByRole('link', { name: 'Next page' }).count(), 0, 'the last page');
      await audit('audit-page-2');

      const bad = await page.goto(`${olympus.adminUrl}/audit?action=${encodeURIComponent('Client!')}`);
      assert.equal(bad?.status(), 400);
      assert.equal(await page.getByLabel('Action').getAttribute('aria-invalid'), 'true');
      await audit('audit-bad-filter');
    });
  });
}
