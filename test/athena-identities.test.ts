/**
 * Athena's Identities in Chromium, on SQLite and PostgreSQL: an administrator finds identities by
 * identifier and by a trait prefix, creates one from the schema's form (an error at its field), edits
 * its traits, reads its page (addresses, credential types without secrets, sessions, OAuth2 consent
 * sessions), creates a recovery code shown once, revokes its sessions, disables, enables and deletes
 * it behind confirmation pages, and acts on several at once from the list; every change is in the
 * audit log with the administrator as actor. A viewer reads without write controls and a POST it
 * forges is refused; support creates recovery codes. German at 320 px without horizontal scrolling.
 * Zero axe-core violations and a screenshot of every page.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { launchBrowser, newPage } from './support/chromium.ts';
import { auditPage, grantRole, registerPlainUser, signInToAthena } from './support/athena.ts';
import { createAppClient, signIn as signInToApp, startApp, type App } from './support/hera-oauth2.ts';
import { selfService } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

const identityPage = (u: URL): boolean => /^\/identities\/[0-9a-f-]{36}$/.test(u.pathname);

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Athena: identities (${kind})`, () => {
    let olympus: TestServer;
    let app: App;
    let adminId: string;
    const contexts: BrowserContext[] = [];

    before(async () => {
      olympus = await startTestServer(kind);
      app = await startApp();
      await ensureDemoIdentity(olympus.server.identity);
      adminId = await grantRole(olympus, DEMO_EMAIL, 'admin');
    });
    after(async () => {
      for (const c of contexts) await c.close();
      await app?.close();
      await olympus?.close();
    });

    const audit = (page: Page, name: string) => auditPage(page, `athena-${kind}-${name}`);

    const signIn = async (email: string, password: string, options = {}): Promise<Page> => {
      const { page, context } = await signInToAthena(browser, olympus, email, password, options);
      contexts.push(context);
      return page;
    };

    const admin = async (path: string, init: RequestInit = {}) => fetch(`${olympus.adminUrl}${path}`, init);
    const identityOf = async (id: string): Promise<Json | undefined> => {
      const res = await admin(`/admin/identities/${id}`);
      return res.status === 200 ? ((await res.json()) as Json) : undefined;
    };
    const idOf = async (email: string): Promise<string> =>
      ((await (await admin(`/admin/identities?credentials_identifier=${encodeURIComponent(email)}`)).json()) as Json[])[0]!.id;
    const eventsOf = async (id: string): Promise<Json[]> => (await (await admin(`/admin/audit-events?target=${id}`)).json()) as Json[];
    const createIdentity = async (traits: Json): Promise<string> => {
      const res = await admin('/admin/identities', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ traits }) });
      const body = (await res.json()) as Json;
      assert.equal(res.status, 201, JSON.stringify(body));
      return body.id;
    };
    const activeSessions = async (id: string): Promise<number> =>
      ((await (await admin(`/admin/identities/${id}/sessions?active=true`)).json()) as Json[]).length;
    const status = (page: Page) => page.locator('[role=status]').innerText();

    test('an administrator finds identities, creates one from the schema form and edits its traits', async () => {
      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD);
      await Promise.all([page.waitForURL(`${olympus.adminUrl}/identities`), page.getByRole('link', { name: 'Identities' }).first().click()]);
      assert.equal(await page.locator('h1').innerText(), 'Identities');
      await audit(page, 'identities');

      const user = await registerPlainUser(olympus);
      await page.getByLabel('Email, identifier or identity ID').fill(user.email);
      await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === user.email), page.getByRole('button', { name: 'Search', exact: true }).click()]);
      assert.equal(await page.locator('tbody tr').count(), 1);
      assert.match(await page.locator('tbody tr').innerText(), new RegExp(user.email.replace('.', '\\.')));
      await page.getByLabel('Email, identifier or identity ID').fill(await idOf(user.email));
      await Promise.all([page.waitForURL((u) => u.searchParams.has('q')), page.getByRole('button', { name: 'Search', exact: true }).click()]);
      assert.equal(await page.locator('tbody tr').count(), 1, 'an identity ID finds the identity');

      await Promise.all([page.waitForURL(`${olympus.adminUrl}/identities/new`), page.getByRole('link', { name: 'New identity' }).click()]);
      await audit(page, 'identity-new');
      const email = `ada-${randomUUID().slice(0, 8)}@example.com`;
      const last = `Lovelace${randomUUID().slice(0, 6)}`;
      await page.getByLabel('E-Mail').fill(email);
      await page.getByLabel('First name').fill('Ada');
      await page.getByLabel('Last name').fill(last);
      await Promise.all([page.waitForURL(identityPage), page.getByRole('button', { name: 'Create identity' }).click()]);
      assert.equal(await status(page), 'Identity created.');
      const id = new URL(page.url()).pathname.split('/')[2]!;
      assert.deepEqual((await identityOf(id))?.traits, { email, name: { first: 'Ada', last } });
      await audit(page, 'identity');

      await page.goto(`${olympus.adminUrl}/identities`);
      await page.getByText('Search a trait or metadata field').click();
      await page.getByLabel('Field', { exact: true }).fill('traits.name.last');
      await page.getByLabel('Starts with').check();
      await page.getByLabel('Email, identifier or identity ID').fill(last.slice(0, 10));
      await Promise.all([page.waitForURL((u) => u.searchParams.get('field') === 'traits.name.last'), page.getByRole('button', { name: 'Search', exact: true }).click()]);
      assert.equal(await page.locator('tbody tr').count(), 1);
      assert.match(await page.locator('tbody tr').innerText(), /Ada Lovelace/);
      await audit(page, 'identities-trait-search');
      await page.getByLabel('Field', { exact: true }).fill('credentials.password');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('field') === 'credentials.password'), page.getByRole('button', { name: 'Search', exact: true }).click()]);
      assert.equal(await page.getByLabel('Field', { exact: true }).getAttribute('aria-invalid'), 'true', 'a field the search cannot use is marked');
      assert.match(await page.locator('#search-field-error').innerText(), /traits, metadata_public, metadata_admin/);

      await page.goto(`${olympus.adminUrl}/identities/${id}`);
      await Promise.all([page.waitForURL(`${olympus.adminUrl}/identities/${id}/edit`), page.getByRole('link', { name: 'Edit traits' }).click()]);
      assert.equal(await page.getByLabel('Last name').inputValue(), last, 'the form holds the stored traits');
      await audit(page, 'identity-edit');
      await page.getByLabel('Last name').fill('Byron');
      await Promise.all([page.waitForURL((u) => identityPage(u) && u.searchParams.get('done') === 'saved'), page.getByRole('button', { name: 'Save' }).click()]);
      assert.equal(await status(page), 'Traits saved.');
      assert.equal((await identityOf(id))?.traits.name.last, 'Byron');

      const events = await eventsOf(id);
      assert.deepEqual(events.map((e) => e.action).sort(), ['identity.create', 'identity.update']);
      for (const event of events) assert.deepEqual([event.actor.kind, event.actor.id, event.actor.label], ['identity', adminId, DEMO_EMAIL]);
      const update = events.find((e) => e.action === 'identity.update')!;
      assert.ok(update.diff.some((c: Json) => c.path === '/traits/name/last' && c.before === last && c.after === 'Byron'), JSON.stringify(update.diff));
    });

    test('the New identity form shows each refusal at its field and keeps what was typed', async () => {
      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD);
      await page.goto(`${olympus.adminUrl}/identities/new`);
      await page.getByLabel('E-Mail').fill('not-an-email');
      await page.getByLabel('First name').fill('Grace');
      const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Create identity' }).click()]);
      assert.equal(response.status(), 400);
      assert.equal(await page.getByLabel('E-Mail').getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#traits-email-error').innerText(), /email/i);
      assert.equal(await page.getByLabel('First name').inputValue(), 'Grace', 'the typed values stay');
      assert.match(await page.locator('[role=alert]').innerText(), /1 field/);
      await audit(page, 'identity-new-error');

      await page.getByLabel('E-Mail').fill(DEMO_EMAIL);
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Create identity' }).click()]);
      assert.match(await page.locator('#traits-email-error').innerText(), /Another identity already has admin@demo\.user/);
    });

    test('an identity\'s page, its recovery code shown once, and revoke, disable, enable, delete behind confirmations', async () => {
      const user = await registerPlainUser(olympus);
      const id = await idOf(user.email);
      await selfService(() => olympus.publicUrl).loginNatively(user.email);
      const { client_id: clientId } = await createAppClient(olympus, app, { client_name: 'Consent app' });
      const traced = await newPage(browser);
      contexts.push(traced.context);
      await signInToApp(olympus, app, clientId, traced, { email: user.email, identityId: id });

      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD);
      await page.goto(`${olympus.adminUrl}/identities/${id}`);
      assert.equal(await page.locator('h1').innerText(), `Identity ${user.email}`);
      const addresses = page.locator('table', { has: page.getByRole('columnheader', { name: 'Address' }) });
      assert.match(await addresses.innerText(), new RegExp(`${user.email.replace('.', '\\.')}\\s+email\\s+Not verified[^\\t]*\\s+Yes`));
      const credentials = page.locator('table', { has: page.getByRole('columnheader', { name: 'Identifiers' }) });
      assert.match(await credentials.innerText(), /Password/);
      assert.ok(!(await page.content()).includes('$argon2'), 'no password hash on the page');
      const sessions = page.locator('#sessions + table tbody tr');
      assert.ok((await sessions.count()) >= 2, 'the registration and the logins are listed');
      assert.match(await page.locator('#consents + table').innerText(), /Consent app\s+openid email/);
      await audit(page, 'identity-full');

      const [recovery] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/recovery')), page.getByRole('button', { name: 'Create recovery code' }).click()]);
      assert.equal(recovery.status(), 200);
      const code = await page.getByLabel('Recovery code').inputValue();
      const link = await page.getByLabel('Recovery link').inputValue();
      assert.match(code, /^[0-9]{8}$/);
      assert.ok(link.startsWith(olympus.publicUrl), link);
      await audit(page, 'identity-recovery-code');
      await page.goto(`${olympus.adminUrl}/identities/${id}`);
      assert.ok(!(await page.content()).includes(code), 'the code is shown once');

      await Promise.all([page.waitForURL(`${olympus.adminUrl}/identities/${id}/sessions/revoke`), page.getByRole('link', { name: 'Revoke all sessions' }).click()]);
      const active = await activeSessions(id);
      assert.match(await page.locator('[role=alert]').innerText(), new RegExp(`\\(${active}\\)`), 'the confirmation says how many end');
      await audit(page, 'identity-revoke-sessions');
      await Promise.all([page.waitForURL(identityPage), page.getByRole('button', { name: 'Revoke all sessions' }).click()]);
      assert.equal(await status(page), `Sessions revoked: ${active}.`);
      assert.equal(await activeSessions(id), 0);

      await Promise.all([page.waitForURL(`${olympus.adminUrl}/identities/${id}/disable`), page.getByRole('link', { name: 'Disable' }).click()]);
      await audit(page, 'identity-disable');
      await Promise.all([page.waitForURL(identityPage), page.getByRole('button', { name: 'Disable identity' }).click()]);
      assert.equal(await status(page), 'Identity disabled; its sessions ended.');
      assert.equal((await identityOf(id))?.state, 'inactive');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'enabled'), page.getByRole('button', { name: 'Enable' }).click()]);
      assert.equal((await identityOf(id))?.state, 'active');

      await Promise.all([page.waitForURL(`${olympus.adminUrl}/identities/${id}/delete`), page.getByRole('link', { name: 'Delete' }).click()]);
      assert.match(await page.locator('[role=alert]').innerText(), new RegExp(`${user.email.replace('.', '\\.')} \\(${id}\\) will be deleted`));
      await audit(page, 'identity-delete');
      await Promise.all([page.waitForURL((u) => u.pathname === '/identities'), page.getByRole('button', { name: 'Delete identity' }).click()]);
      assert.equal(await status(page), `Identity ${user.email} deleted.`);
      assert.equal(await identityOf(id), undefined);

      const events = await eventsOf(id);
      assert.deepEqual(events.map((e) => e.action).sort(), [
        'identity.delete', 'identity.disable', 'identity.enable', 'identity.sessions.revoke', 'recovery.code.create',
      ]);
      for (const event of events) assert.equal(event.actor.label, DEMO_EMAIL);
      const shown = events.find((e) => e.action === 'recovery.code.create')!;
      assert.ok(typeof shown.details?.expires_at === 'string', 'the event says when the code expires');
      assert.ok(!JSON.stringify(events).includes(code) && !JSON.stringify(events).includes(link), 'neither the code nor the link is recorded');
      assert.ok(!JSON.stringify(events).includes('$argon2'), 'no hash in any event');
    });

    test('bulk: the selected identities are disabled, their sessions revoked, deleted, each after a confirmation naming them', async () => {
      const tag = `Bulk${randomUUID().slice(0, 8)}`;
      const ids = [];
      for (const n of [1, 2, 3]) ids.push(await createIdentity({ email: `${tag.toLowerCase()}-${n}@example.com`, name: { last: tag } }));
      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD);
      const listed = `${olympus.adminUrl}/identities?${new URLSearchParams({ q: tag, field: 'traits.name.last', match: 'exact' })}`;
      await page.goto(listed);
      assert.equal(await page.locator('tbody tr').count(), 3);
      await page.getByLabel(`Select ${tag.toLowerCase()}-1@example.com`).check();
      await page.getByLabel(`Select ${tag.toLowerCase()}-2@example.com`).check();
      await Promise.all([page.waitForURL((u) => u.pathname === '/identities/bulk'), page.getByRole('button', { name: 'Disable', exact: true }).click()]);
      assert.equal(await page.locator('h1').innerText(), 'Disable the selected identities (2)');
      const affected = await page.locator('tbody').innerText();
      assert.ok(affected.includes(`${tag.toLowerCase()}-1@`) && affected.includes(`${tag.toLowerCase()}-2@`) && !affected.includes(`${tag.toLowerCase()}-3@`), affected);
      await audit(page, 'identities-bulk-confirm');
      assert.equal((await identityOf(ids[0]!))?.state, 'active', 'the GET changed nothing');
      await Promise.all([page.waitForURL((u) => u.pathname === '/identities'), page.getByRole('button', { name: 'Disable them' }).click()]);
      assert.equal(await status(page), 'Identities disabled: 2.');
      assert.deepEqual(await Promise.all(ids.map(async (id) => (await identityOf(id))?.state)), ['inactive', 'inactive', 'active']);

      await page.goto(listed);
      for (const n of [1, 2, 3]) await page.getByLabel(`Select ${tag.toLowerCase()}-${n}@example.com`).check();
      await Promise.all([page.waitForURL((u) => u.pathname === '/identities/bulk'), page.getByRole('button', { name: 'Delete', exact: true }).click()]);
      await Promise.all([page.waitForURL((u) => u.pathname === '/identities'), page.getByRole('button', { name: 'Delete them' }).click()]);
      assert.equal(await status(page), 'Identities deleted: 3.');
      for (const id of ids) assert.equal(await identityOf(id), undefined);
      const byConsole = (await eventsOf(ids[0]!)).filter((e) => e.actor.kind === 'identity');
      assert.deepEqual(byConsole.map((e) => [e.action, e.actor.label]).sort(), [['identity.delete', DEMO_EMAIL], ['identity.disable', DEMO_EMAIL]]);

      await page.goto(`${olympus.adminUrl}/identities?q=${encodeURIComponent(DEMO_EMAIL)}`);
      await page.getByLabel(`Select ${DEMO_EMAIL}`).check();
      const [refused] = await Promise.all([page.waitForResponse((r) => r.url().includes('/identities/bulk')), page.getByRole('button', { name: 'Delete', exact: true }).click()]);
      assert.equal(refused.status(), 400);
      assert.match(await page.locator('[role=alert]').innerText(), /Not included: your own identity/);
      await audit(page, 'identities-bulk-self');
      assert.ok(await identityOf(adminId), 'the administrator still exists');

      const other = await registerPlainUser(olympus);
      await page.goto(`${olympus.adminUrl}/identities?q=${encodeURIComponent(other.email)}`);
      await page.getByLabel(`Select ${other.email}`).check();
      await Promise.all([page.waitForURL((u) => u.pathname === '/identities/bulk'), page.getByRole('button', { name: 'Revoke sessions' }).click()]);
      assert.match(await page.locator('tbody').innerText(), new RegExp(`${other.email.replace('.', '\\.')}.*\\s1$`, 's'), 'the active sessions are counted');
      await Promise.all([page.waitForURL((u) => u.pathname === '/identities'), page.getByRole('button', { name: 'Revoke their sessions' }).click()]);
      assert.equal(await status(page), 'Sessions revoked: 1.');
      assert.equal(await activeSessions(await idOf(other.email)), 0);
    });

    test('a viewer reads identities without write controls and its forged POSTs are refused; support creates recovery codes', async () => {
      const target = await registerPlainUser(olympus);
      const targetId = await idOf(target.email);
      const viewer = await registerPlainUser(olympus);
      await grantRole(olympus, viewer.email, 'viewer');
      const page = await signIn(viewer.email, viewer.password);
      assert.equal(await page.getByRole('link', { name: 'Sessions' }).count(), 0, 'no Sessions section for a viewer');
      await page.goto(`${olympus.adminUrl}/identities`);
      assert.equal(await page.getByRole('link', { name: 'New identity' }).count(), 0);
      assert.equal(await page.locator('input[type=checkbox]').count(), 0, 'no bulk selection');
      await audit(page, 'viewer-identities');
      await page.goto(`${olympus.adminUrl}/identities/${targetId}`);
      for (const name of ['Edit traits', 'Disable', 'Delete', 'Revoke all sessions']) assert.equal(await page.getByRole('link', { name }).count(), 0, name);
      assert.equal(await page.getByRole('button', { name: 'Create recovery code' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: /^Revoke/ }).count(), 0, 'no session revocation');
      await audit(page, 'viewer-identity');
      assert.equal((await page.goto(`${olympus.adminUrl}/identities/new`))?.status(), 403);

      const csrf = await page.locator('form[action="/sign-out"] input[name="csrf_token"]').inputValue();
      for (const path of [`/identities/${targetId}/delete`, `/identities/${targetId}/disable`, `/identities/${targetId}/recovery`, `/identities/${targetId}/sessions/revoke`, '/identities/bulk']) {
        const forged = await page.request.post(`${olympus.adminUrl}${path}`, {
          form: { csrf_token: csrf, action: 'delete', [`ids.${targetId}`]: 'on' }, headers: { 'sec-fetch-mode': 'navigate' }, maxRedirects: 0,
        });
        assert.equal(forged.status(), 403, `${path}: a valid session token does not make a viewer a writer`);
      }
      assert.equal((await identityOf(targetId))?.state, 'active', 'nothing changed');
      assert.deepEqual(await eventsOf(targetId), []);

      const support = await registerPlainUser(olympus);
      await grantRole(olympus, support.email, 'support');
      const helper = await signIn(support.email, support.password);
      await helper.goto(`${olympus.adminUrl}/identities/${targetId}`);
      await Promise.all([helper.waitForResponse((r) => r.url().endsWith('/recovery')), helper.getByRole('button', { name: 'Create recovery code' }).click()]);
      assert.match(await helper.getByLabel('Recovery code').inputValue(), /^[0-9]{8}$/);
      const [event] = await eventsOf(targetId);
      assert.deepEqual([event?.action, event?.actor.label], ['recovery.code.create', support.email]);
    });

    test('German, at 320 px wide: the identity pages fit without horizontal scrolling', async () => {
      const user = await registerPlainUser(olympus);
      const id = await idOf(user.email);
      const page = await signIn(DEMO_EMAIL, DEMO_PASSWORD, { locale: 'de-DE', viewport: { width: 320, height: 640 } });
      for (const path of ['/identities', `/identities/${id}`, '/identities/new', `/identities/${id}/delete`]) {
        await page.goto(`${olympus.adminUrl}${path}`);
        const { scrollWidth, clientWidth, wide } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          wide: [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth).map((e) => e.outerHTML.slice(0, 80)).slice(0, 5),
        }));
        assert.ok(scrollWidth <= clientWidth, `${path}: no horizontal scroll (${scrollWidth} > ${clientWidth}): ${wide.join(' | ')}`);
        await audit(page, `de-320px${path.replace(id, 'id').replaceAll('/', '-')}`);
      }
      await page.goto(`${olympus.adminUrl}/identities`);
      assert.equal(await page.locator('h1').innerText(), 'Identitäten');
      assert.equal(await page.getByRole('link', { name: 'Neue Identität' }).count(), 1);
    });
  });
}
