/** What the Athena suites share: granting a console role through the admin API, an identity with none. */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { checkAccessibility, describeViolations, screenshot } from './chromium.ts';
import { PASSWORD, freshEmail, selfService } from './self-service.ts';
import type { TestServer } from './server.ts';

/** Finds the identity by its email and sets metadata_admin.athena.role through the JSON admin API. */
export const grantRole = async (olympus: TestServer, email: string, role: 'admin' | 'support' | 'viewer'): Promise<string> => {
  const found = (await (await fetch(`${olympus.adminUrl}/admin/identities?credentials_identifier=${encodeURIComponent(email)}`)).json()) as Array<{ id: string }>;
  assert.equal(found.length, 1, `one identity has ${email}`);
  const res = await fetch(`${olympus.adminUrl}/admin/identities/${found[0].id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ op: 'add', path: '/metadata_admin', value: { athena: { role } } }]),
  });
  assert.equal(res.status, 200, await res.text());
  return found[0].id;
};

/** A fresh identity with a password and no console role. */
export const registerPlainUser = async (olympus: TestServer): Promise<{ email: string; password: string }> => {
  const email = freshEmail();
  await selfService(() => olympus.publicUrl).registerNatively(email);
  return { email, password: PASSWORD };
};

/**
 * Opens the console signed out in a fresh context and signs in through Hera as `email`; resolves on
 * the first console page after the sign-in (or whatever the guard answers there).
 */
export const signInToAthena = async (
  browser: Browser, olympus: TestServer, email: string, password: string, options: BrowserContextOptions = {},
): Promise<{ page: Page; context: BrowserContext }> => {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const page = await context.newPage();
  await page.goto(`${olympus.adminUrl}/`);
  assert.equal(new URL(page.url()).origin, olympus.publicUrl, `the sign-in runs on the public origin: ${page.url()}`);
  await page.locator('input[name="identifier"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((u) => u.origin === olympus.adminUrl && !u.pathname.startsWith('/sign-in')),
    page.locator('button[name="method"][value="password"]').click(),
  ]);
  return { page, context };
};

/** A client's own page, /clients/<id> — not the New Client form at /clients/new. */
export const clientPage = (url: URL): boolean => /^\/clients\/[^/]+$/.test(url.pathname) && url.pathname !== '/clients/new';

/** A screenshot of the page as test-output/screenshots/<name>.png, and zero axe-core violations on it. */
export const auditPage = async (page: Page, name: string): Promise<void> => {
  await screenshot(page, name);
  const violations = await checkAccessibility(page);
  assert.equal(violations.length, 0, `axe-core violations on ${name} (${page.url()}):\n${describeViolations(violations)}`);
};
