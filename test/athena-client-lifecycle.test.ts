/**
 * A client's life in Athena, in Chromium on SQLite and PostgreSQL: edit, rotate its secret with a
 * grace window (the old secret works inside the window and is refused after it, or at once after
 * "retire now"), delete behind a confirmation page — each change in the audit log with its diff and
 * the administrator as actor, no secret in any event.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { launchBrowser } from './support/chromium.ts';
import { auditPage, signInToAthena } from './support/athena.ts';
import { basic, createClient, tokenRequest } from './support/flow.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Athena: editing, rotating and deleting a client (${kind})`, () => {
    let olympus: TestServer;
    let context: BrowserContext;
    let page: Page;

    before(async () => {
      olympus = await startTestServer(kind);
      await ensureDemoIdentity(olympus.server.identity);
      ({ page, context } = await signInToAthena(browser, olympus, DEMO_EMAIL, DEMO_PASSWORD));
    });
    after(async () => {
      await context?.close();
      await olympus?.close();
    });

    const audit = (name: string) => auditPage(page, `athena-${kind}-${name}`);
    const eventsOf = async (clientId: string) =>
      (await (await fetch(`${olympus.adminUrl}/admin/audit-events?target=${encodeURIComponent(clientId)}`)).json()) as Array<Record<string, any>>;
    const works = async (clientId: string, secret: string) =>
      (await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials' }, { authorization: basic(clientId, secret) })).status === 200;

    test('edit: the form starts with the client\'s values and Save changes only what was changed', async () => {
      const { client_id } = await createClient(olympus.adminUrl, { client_name: 'before-edit', redirect_uris: ['https://edit.example/cb'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', scope: 'openid' });
      await page.goto(`${olympus.adminUrl}/clients/${client_id}`);
      await page.getByRole('link', { name: 'Edit' }).click();
      assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'before-edit');
      assert.equal(await page.getByLabel('Redirect URI', { exact: true }).inputValue(), 'https://edit.example/cb');
      await audit('client-edit');
      await page.getByLabel('Name', { exact: true }).fill('after-edit');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'saved'), page.getByRole('button', { name: 'Save' }).click()]);
      assert.match(await page.locator('[role=status]').innerText(), /saved/);
      const stored = await (await fetch(`${olympus.adminUrl}/admin/clients/${client_id}`)).json();
      assert.equal(stored.client_name, 'after-edit');
      assert.deepEqual(stored.redirect_uris, ['https://edit.example/cb']);
      const update = (await eventsOf(client_id)).find((e) => e.action === 'client.update');
      assert.ok(update, 'the edit is in the audit log');
      assert.equal(update.actor.label, DEMO_EMAIL);
      assert.deepEqual(update.diff.filter((c: { path: string }) => c.path === '/client_name'), [{ path: '/client_name', before: 'before-edit', after: 'after-edit' }]);
    });

    test('rotation: the new secret is shown once, the old one works inside the window and is refused after it', async () => {
      const { client_id, client_secret } = await createClient(olympus.adminUrl, { client_name: 'rotating', grant_types: ['client_credentials'] });
      await page.goto(`${olympus.adminUrl}/clients/${client_id}`);
      await page.getByRole('link', { name: 'Rotate secret' }).click();
      await audit('client-rotate');
      await page.getByLabel('Keep the old secret working for').fill('3s');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'rotated'), page.getByRole('button', { name: 'Rotate the secret' }).click()]);
      const fresh = await page.getByLabel('Client secret').inputValue();
      assert.notEqual(fresh, client_secret);
      assert.match(await page.locator('.card').first().innerText(), /Old secrets still accepted/);
      await audit('client-rotated');
      assert.ok(await works(client_id, fresh), 'the new secret works');
      assert.ok(await works(client_id, client_secret!), 'the old secret works inside the window');
      await sleep(3500);
      assert.ok(!(await works(client_id, client_secret!)), 'the old secret is refused after the window');
      assert.ok(await works(client_id, fresh));
      const events = await eventsOf(client_id);
      assert.ok(events.some((e) => e.action === 'client.secret.rotate'));
      for (const secret of [fresh, client_secret!]) assert.ok(!JSON.stringify(events).includes(secret), 'no secret in the audit log');
    });

    test('retire now: the old secret is refused at once', async () => {
      const { client_id, client_secret } = await createClient(olympus.adminUrl, { client_name: 'retiring', grant_types: ['client_credentials'] });
      await page.goto(`${olympus.adminUrl}/clients/${client_id}/rotate`);
      await page.getByLabel('Keep the old secret working for').fill('24h');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'rotated'), page.getByRole('button', { name: 'Rotate the secret' }).click()]);
      const fresh = await page.getByLabel('Client secret').inputValue();
      assert.ok(await works(client_id, client_secret!), 'inside the 24 h window');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'retired'), page.getByRole('button', { name: 'Retire old secrets now' }).click()]);
      assert.ok(!(await works(client_id, client_secret!)), 'retired: refused at once');
      assert.ok(await works(client_id, fresh));
      assert.ok((await eventsOf(client_id)).some((e) => e.action === 'client.secret.retire'));
    });

    test('delete: a confirmation page names the client, then it is gone', async () => {
      const { client_id } = await createClient(olympus.adminUrl, { client_name: 'doomed', redirect_uris: ['https://doomed.example/cb'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code'] });
      await page.goto(`${olympus.adminUrl}/clients/${client_id}`);
      await page.getByRole('link', { name: 'Delete client' }).click();
      assert.match(await page.locator('[role=alert]').innerText(), new RegExp(`doomed \\(${client_id}\\)`));
      await audit('client-delete');
      await Promise.all([page.waitForURL((u) => u.pathname === '/clients'), page.getByRole('button', { name: 'Delete the client' }).click()]);
      assert.match(await page.locator('[role=status]').innerText(), /doomed was deleted/);
      assert.equal((await fetch(`${olympus.adminUrl}/admin/clients/${client_id}`)).status, 404);
      const deleted = (await eventsOf(client_id)).find((e) => e.action === 'client.delete');
      assert.ok(deleted, 'the deletion is in the audit log');
      assert.ok(deleted.diff.some((c: { path: string; before?: unknown }) => c.path === '/client_name' && c.before === 'doomed'), 'with what was deleted');
    });
  });
}
