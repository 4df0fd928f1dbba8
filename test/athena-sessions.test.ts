/**
 * Athena's Sessions in Chromium, on SQLite and PostgreSQL: support lists the active identity sessions
 * (identity, assurance level, devices, age) in pages, revokes one behind a confirmation page, and all
 * of an identity; from an identity's page a revocation returns there. Each is in the audit log with
 * the administrator as actor. A viewer has no Sessions section and a POST it forges is refused.
 * German at 320 px without horizontal scrolling. Zero axe-core violations and a screenshot of every page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium.ts';
import { auditPage, grantRole, registerPlainUser, signInToAthena } from './support/athena.ts';
import { selfService } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Athena: sessions (${kind})`, () => {
    let olympus: TestServer;
    let support: { email: string; password: string };
    const contexts: BrowserContext[] = [];

    before(async () => {
      olympus = await startTestServer(kind);
      support = await registerPlainUser(olympus);
      await grantRole(olympus, support.email, 'support');
    });
    after(async () => {
      for (const c of contexts) await c.close();
      await olympus?.close();
    });

    const audit = (page: Page, name: string) => auditPage(page, `athena-${kind}-${name}`);

    const signIn = async (email: string, password: string, options = {}): Promise<Page> => {
      const { page, context } = await signInToAthena(browser, olympus, email, password, options);
      contexts.push(context);
      return page;
    };

    const admin = async (path: string) => (await fetch(`${olympus.adminUrl}${path}`)).json() as Promise<any>;
    const idOf = async (email: string): Promise<string> => ((await admin(`/admin/identities?credentials_identifier=${encodeURIComponent(email)}`)) as Json[])[0]!.id;
    const activeSessionsOf = async (id: string): Promise<Json[]> => admin(`/admin/identities/${id}/sessions?active=true`);
    const eventsOf = async (id: string): Promise<Json[]> => admin(`/admin/audit-events?target=${id}`);
    /** A user signed in `logins` more times through the native API (the registration is a session too). */
    const userWithSessions = async (logins: number) => {
      const user = await registerPlainUser(olympus);
      for (let i = 0; i < logins; i += 1) await selfService(() => olympus.publicUrl).loginNatively(user.email);
      return { ...user, id: await idOf(user.email) };
    };
    const status = (page: Page) => page.locator('[role=status]').innerText();
    /** The user's first row in the Sessions list, following Next page (oldest sessions come first). */
    const rowOf = async (page: Page, email: string) => {
      await page.goto(`${olympus.adminUrl}/sessions`);
      while ((await page.locator('tbody tr', { hasText: email }).count()) === 0) {
        await Promise.all([page.waitForURL((u) => u.searchParams.has('page')), page.getByRole('link', { name: 'Next page' }).click()]);
      }
      return page.locator('tbody tr', { hasText: email }).first();
    };

    test('support lists active sessions in pages with identity, level, devices and age, and revokes one', async () => {
      const user = await userWithSessions(26);
      const page = await signIn(support.email, support.password);
      await Promise.all([page.waitForURL(`${olympus.adminUrl}/sessions`), page.getByRole('link', { name: 'Sessions' }).first().click()]);
      assert.equal(await page.locator('h1').innerText(), 'Active sessions');
      assert.equal(await page.locator('tbody tr').count(), 25, 'one page');
      const row = page.locator('tbody tr', { hasText: user.email }).first();
      const shown = await row.innerText();
      for (const part of ['Active', 'AAL1 (one factor)', 'node (127.0.0.1)', 'in 23 hours']) assert.ok(shown.includes(part), `${part} in ${shown}`);
      assert.match(shown, /ago|now/, 'the age of the session');
      await audit(page, 'sessions');
      await Promise.all([page.waitForURL((u) => u.searchParams.has('page')), page.getByRole('link', { name: 'Next page' }).click()]);
      assert.ok((await page.locator('tbody tr').count()) >= 3, 'the next page holds the rest');
      await audit(page, 'sessions-page-2');

      await page.goto(`${olympus.adminUrl}/sessions`);
      const href = (await row.getByRole('link', { name: /^Revoke/ }).getAttribute('href'))!;
      const sessionId = href.split('/')[2]!;
      await Promise.all([page.waitForURL(`${olympus.adminUrl}${href}`), row.getByRole('link', { name: /^Revoke/ }).click()]);
      assert.equal(await page.locator('h1').innerText(), `Revoke a session of ${user.email}`);
      assert.match(await page.locator('.card').innerText(), /node \(127\.0\.0\.1\)/, 'the confirmation names the device');
      await audit(page, 'session-revoke');
      const before = (await activeSessionsOf(user.id)).length;
      await Promise.all([page.waitForURL((u) => u.pathname === '/sessions'), page.getByRole('button', { name: 'Revoke session' }).click()]);
      assert.equal(await status(page), 'Session revoked.');
      assert.equal((await admin(`/admin/sessions/${sessionId}`)).active, false);
      assert.equal((await activeSessionsOf(user.id)).length, before - 1, 'only that one');

      const [event] = (await eventsOf(sessionId)) as Json[];
      assert.equal(event?.action, 'session.revoke');
      assert.deepEqual([event?.actor.kind, event?.actor.label, event?.target.type], ['identity', support.email, 'session']);
      assert.ok(event?.diff.some((c: Json) => c.path === '/active' && c.before === true && c.after === false), JSON.stringify(event?.diff));
    });

    test('every session of an identity from the list, and one from its page that returns there', async () => {
      const user = await userWithSessions(2);
      const page = await signIn(support.email, support.password);
      await page.goto(`${olympus.adminUrl}/identities/${user.id}`);
      const own = page.locator('#sessions + table tbody tr').first();
      await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/revoke') && u.searchParams.get('back') === 'identity'), own.getByRole('link', { name: /^Revoke/ }).click()]);
      await Promise.all([page.waitForURL((u) => u.pathname === `/identities/${user.id}`), page.getByRole('button', { name: 'Revoke session' }).click()]);
      assert.equal(await status(page), 'Session revoked.');
      assert.equal((await activeSessionsOf(user.id)).length, 2);

      const row = await rowOf(page, user.email);
      await Promise.all([page.waitForURL(`${olympus.adminUrl}/identities/${user.id}/sessions/revoke`), row.getByRole('link', { name: /^All of this identity/ }).click()]);
      assert.match(await page.locator('[role=alert]').innerText(), /\(2\)/);
      await Promise.all([page.waitForURL((u) => u.pathname === `/identities/${user.id}`), page.getByRole('button', { name: 'Revoke all sessions' }).click()]);
      assert.equal(await status(page), 'Sessions revoked: 2.');
      assert.equal((await activeSessionsOf(user.id)).length, 0);
      const revokedAll = ((await eventsOf(user.id)) as Json[]).find((e) => e.action === 'identity.sessions.revoke');
      const counted = revokedAll?.diff.find((c: Json) => c.path === '/active_sessions');
      assert.deepEqual([revokedAll?.actor.label, counted?.before, counted?.after], [support.email, 2, 0]);
    });

    test('a viewer has no Sessions section, and a POST it forges is refused', async () => {
      const user = await userWithSessions(0);
      const [session] = await activeSessionsOf(user.id);
      const viewer = await registerPlainUser(olympus);
      await grantRole(olympus, viewer.email, 'viewer');
      const page = await signIn(viewer.email, viewer.password);
      assert.equal(await page.getByRole('link', { name: 'Sessions' }).count(), 0);
      assert.equal((await page.goto(`${olympus.adminUrl}/sessions`))?.status(), 403);
      assert.match(await page.locator('[role=alert]').innerText(), /viewer.*sessions\.write/);
      await audit(page, 'viewer-sessions');
      const csrf = await page.locator('form[action="/sign-out"] input[name="csrf_token"]').inputValue();
      const forged = await page.request.post(`${olympus.adminUrl}/sessions/${session!.id}/revoke`, {
        form: { csrf_token: csrf }, headers: { 'sec-fetch-mode': 'navigate' }, maxRedirects: 0,
      });
      assert.equal(forged.status(), 403);
      assert.equal((await activeSessionsOf(user.id)).length, 1, 'the session lives on');
    });

    test('German, at 320 px wide: the sessions pages fit without horizontal scrolling', async () => {
      const user = await userWithSessions(0);
      const [session] = await activeSessionsOf(user.id);
      const page = await signIn(support.email, support.password, { locale: 'de-DE', viewport: { width: 320, height: 640 } });
      for (const path of ['/sessions', `/sessions/${session!.id}/revoke`]) {
        await page.goto(`${olympus.adminUrl}${path}`);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        assert.ok(scrollWidth <= clientWidth, `${path}: no horizontal scroll (${scrollWidth} > ${clientWidth})`);
        await audit(page, `de-320px${path.replace(session!.id, 'id').replaceAll('/', '-')}`);
      }
      assert.equal(await page.locator('h1').innerText(), `Eine Sitzung von ${user.email} beenden`);
      await page.goto(`${olympus.adminUrl}/sessions`);
      assert.equal(await page.locator('h1').innerText(), 'Aktive Sitzungen');
    });
  });
}
