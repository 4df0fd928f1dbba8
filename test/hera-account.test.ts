/**
 * Hera's account pages in headless Chromium (docs/operations/hera.md), on SQLite and PostgreSQL: registration, the
 * verification code from the dev inbox, sign-in landing on the account home; recovery by code ending
 * in a new password; TOTP enrolment and recovery codes in settings (with the AAL2 step-up and the
 * re-authentication a privileged change asks for); the devices page revoking another browser's
 * session while GET /sessions keeps answering API clients with JSON; after the TOTP enrolment, an
 * OAuth2 login asking for aal2 goes through the second-factor page. Every page passes axe-core.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { Configuration, FrontendApi } from '@ory/client-fetch';
import { extractCode, type CourierTemplateType } from '@olympus/identity';
import { checkAccessibility, describeViolations, launchBrowser, newPage, screenshot, type TracedPage } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { startCallbackApp, type CallbackApp } from './support/callback-app.ts';
import { decodeJwt } from 'jose';

const freshEmail = (): string => `hera-${randomUUID().slice(0, 8)}@example.com`;
const strongPassword = (): string => `Olympus-${randomUUID()}`;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** axe-core's report for the page must be empty; the screenshot is saved either way. */
const accessibleAndCaptured = async (page: Page, name: string): Promise<void> => {
  const violations = await checkAccessibility(page);
  await screenshot(page, name);
  assert.equal(violations.length, 0, `axe-core violations on ${page.url()}:\n${describeViolations(violations)}`);
};

const pathOf = (page: Page): string => new URL(page.url()).pathname;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Hera account pages in headless Chromium (${kind})`, () => {
    let olympus: TestServer;
    const pages: TracedPage[] = [];

    let app: CallbackApp;

    before(async () => {
      [olympus, app] = await Promise.all([startTestServer(kind), startCallbackApp()]);
    });
    after(async () => {
      for (const p of pages) await p.close();
      await app?.close();
      await olympus?.close();
    });

    const open = async (): Promise<Page> => {
      const traced = await newPage(browser);
      pages.push(traced);
      return traced.page;
    };
    const url = (path: string): string => new URL(path, olympus.publicUrl).toString();

    /** The newest code of this template mailed to `recipient`, once `count` such messages are queued. */
    const mailedCode = async (recipient: string, template: CourierTemplateType, count = 1): Promise<string> => {
      for (let i = 0; i < 250; i++) {
        const { messages } = await olympus.server.identity.storage.courier.list({ limit: 20, recipient });
        const matching = messages.filter((m) => m.template_type === template);
        if (matching.length >= count) {
          const newest = matching.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
          return extractCode(newest.body) ?? assert.fail(`no code in ${newest.body}`);
        }
        await sleep(20);
      }
      assert.fail(`no ${count} ${template} message(s) for ${recipient}`);
    };

    const createIdentity = async (email: string, password: string): Promise<string> => {
      const res = await fetch(`${olympus.adminUrl}/admin/identities`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ schema_id: 'default', traits: { email }, credentials: { password: { config: { password } } } }),
      });
      assert.equal(res.status, 201, await res.clone().text());
      return ((await res.json()) as { id: string }).id;
    };

    /** Hera's plain login (no OAuth2 challenge): the form, then wherever the flow ends. */
    const signIn = async (page: Page, email: string, password: string, expectHome = true): Promise<void> => {
      await page.goto(url('/login'));
      assert.equal(pathOf(page), '/login');
      await page.locator('input[name="identifier"]').fill(email);
      await page.locator('input[name="password"]').fill(password);
      const submitted = page.locator('button[name="method"][value="password"]').click();
      if (expectHome) await Promise.all([page.waitForURL(url('/')), submitted]);
      else await Promise.all([page.waitForLoadState('load'), submitted]);
    };

    test('registration, the verification code from the dev inbox, then sign-in lands on the account home', async () => {
      const page = await open();
      const email = freshEmail();
      const password = strongPassword();

      await page.goto(url('/registration'));
      assert.equal(pathOf(page), '/registration');
      assert.ok(new URL(page.url()).searchParams.get('flow'), 'the page renders a registration flow');
      assert.equal(await page.locator('a[href="/login"]').count(), 1, 'a link to sign in instead');
      await accessibleAndCaptured(page, `hera-registration-${kind}`);

      await page.locator('input[name="traits.email"]').fill(email);
      await page.locator('input[name="password"]').fill(password);
      // The new account goes straight to the verification form of the code the registration mailed.
      await Promise.all([page.waitForURL(/\/verification\?flow=/), page.locator('button[name="method"][value="password"]').click()]);
      await accessibleAndCaptured(page, `hera-verification-${kind}`);
      assert.ok(await page.locator('.message[role="status"]').count() > 0, 'the page says a code was sent');
      const code = await mailedCode(email, 'verification_code_valid', 1);
      await page.locator('input[name="code"]').fill(code);
      await Promise.all([page.waitForURL(/\/verification\?flow=/), page.locator('button[name="method"][value="code"]').click()]);
      assert.equal(await page.locator('.message.success').count(), 1, await page.locator('main').innerText());

      await page.goto(url('/'));
      assert.match(await page.locator('#signed-in-as').innerText(), new RegExp(email.replace(/[.]/g, '\\.')));
      assert.equal(await page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).count(), 1);
      await accessibleAndCaptured(page, `hera-home-${kind}`);
      const stored = await olympus.server.identity.storage.identities.findByCredentialIdentifier('password', email);
      assert.equal(stored?.verifiable_addresses[0].verified, true);

      const other = await open();
      await signIn(other, email, password);
      assert.match(await other.locator('#signed-in-as').innerText(), new RegExp(email.replace(/[.]/g, '\\.')));
      assert.match(await other.locator('main').innerText(), /: verified/);

      // The header's Sign out button ends the session: back on the login page, the account home asks to sign in.
      await Promise.all([other.waitForURL(/\/login\?flow=/), other.getByRole('button', { name: 'Sign out' }).click()]);
      await other.goto(url('/'));
      assert.equal(pathOf(other), '/login');
    });

    test('recovery by code ends in settings with a new password; the old one stops working', async () => {
      const email = freshEmail();
      const oldPassword = strongPassword();
      const newPassword = strongPassword();
      await createIdentity(email, oldPassword);
      const page = await open();

      await page.goto(url('/recovery'));
      assert.match(page.url(), /\/recovery\?flow=/);
      await accessibleAndCaptured(page, `hera-recovery-${kind}`);
      await page.locator('input[name="email"]').fill(email);
      await Promise.all([page.waitForURL(/\/recovery\?flow=/), page.locator('button[name="method"][value="code"]').click()]);
      await page.locator('input[name="code"]').fill(await mailedCode(email, 'recovery_code_valid'));
      await Promise.all([page.waitForURL(/\/settings\?flow=/), page.locator('button[name="method"][value="code"]').click()]);

      const passwordCard = page.locator('section.card', { has: page.getByRole('heading', { name: 'Password' }) });
      await passwordCard.locator('input[name="password"]').fill(newPassword);
      await Promise.all([page.waitForURL(/\/settings\?flow=/), passwordCard.locator('button[name="method"][value="password"]').click()]);
      assert.equal(await page.locator('main > .messages .message.success').count(), 1, await page.locator('main').innerText());

      const withOld = await open();
      await signIn(withOld, email, oldPassword, false);
      assert.equal(pathOf(withOld), '/login', 'the old password is refused');
      assert.ok(await withOld.locator('[role="alert"]').count() > 0, 'with an announced error');
      const withNew = await open();
      await signIn(withNew, email, newPassword);
      assert.match(await withNew.locator('#signed-in-as').innerText(), new RegExp(email.replace(/[.]/g, '\\.')));
    });

    test('settings: TOTP enrolment from the QR page, the AAL2 step-up, recovery codes revealed; then an aal2 OAuth2 login asks for the code', async () => {
      const email = freshEmail();
      const password = strongPassword();
      await createIdentity(email, password);
      const page = await open();
      await signIn(page, email, password);

      await Promise.all([page.waitForURL(/\/settings\?flow=/), page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Settings' }).click()]);
      for (const heading of ['Profile', 'Password', 'Authenticator app', 'Recovery codes']) {
        assert.equal(await page.getByRole('heading', { level: 2, name: heading }).count(), 1, `a "${heading}" section`);
      }
      const qr = page.locator('img#totp_qr');
      assert.ok(await qr.isVisible(), 'the QR code is shown');
      assert.match(String(await qr.getAttribute('src')), /^data:image\/png;base64,/);
      const secret = (await page.locator('#totp_secret_key code').innerText()).trim();
      assert.match(secret, /^[A-Z2-7]+=*$/, 'the secret key is shown as text');
      await accessibleAndCaptured(page, 'hera-settings-totp');
      await screenshot(page, `hera-settings-totp-${kind}`);

      const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
      const totpCard = page.locator('section.card', { has: page.getByRole('heading', { name: 'Authenticator app' }) });
      await totpCard.locator('input[name="totp_code"]').fill(totp.generate());
      // Linked: the identity now has a second factor, so settings ask for it (required_aal:
      // highest_available) and the browser goes through the AAL2 login, which returns to this flow.
      await Promise.all([page.waitForURL(/\/login\?flow=/), totpCard.locator('button[name="method"][value="totp"]').click()]);
      const identity = await olympus.server.identity.storage.identities.findByCredentialIdentifier('password', email);
      assert.ok(identity?.credentials.totp, 'the authenticator app is linked');
      assert.match(await page.locator('h1').innerText(), /Second step/);
      // The next time step's code: the enrolment used the current one, and codes are not accepted twice.
      await page.locator('input[name="totp_code"]').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await Promise.all([page.waitForURL(/\/settings\?flow=/), page.locator('button[name="method"][value="totp"]').click()]);
      assert.equal(await page.locator('main > .messages .message.success').count(), 1, await page.locator('main').innerText());
      assert.equal(await page.locator('img#totp_qr').count(), 0, 'no new secret offered once linked');

      const lookupCard = () => page.locator('section.card', { has: page.getByRole('heading', { name: 'Recovery codes' }) });
      await Promise.all([page.waitForURL(/\/settings\?flow=/), lookupCard().locator('button[name="lookup_secret_regenerate"]').click()]);
      const shown = await lookupCard().locator('#lookup_secret_codes').innerText();
      assert.ok((shown.match(/[a-z0-9]{8}/g) ?? []).length >= 10, `the new codes are shown: ${shown}`);
      await Promise.all([page.waitForURL(/\/settings\?flow=/), lookupCard().locator('button[name="lookup_secret_confirm"]').click()]);
      assert.equal(await page.locator('main > .messages .message.success').count(), 1);
      assert.equal(await lookupCard().locator('#lookup_secret_codes').count(), 0, 'not shown again after confirmation');
      await Promise.all([page.waitForURL(/\/settings\?flow=/), lookupCard().locator('button[name="lookup_secret_reveal"]').click()]);
      const revealed = (await lookupCard().locator('#lookup_secret_codes').innerText()).split(',').map((c) => c.trim());
      // Only the codes' hashes are stored: "reveal" lists each saved code as still usable (masked) or used.
      assert.equal(revealed.length, shown.match(/[a-z0-9]{8}/g)!.length, `one entry per saved code: ${revealed.join(', ')}`);
      assert.ok(revealed.every((entry) => entry === '••••••••'), `all unused, none shown in clear: ${revealed.join(', ')}`);
      await accessibleAndCaptured(page, `hera-settings-lookup-${kind}`);

      // The enrolled authenticator now guards OAuth2 logins that ask for aal2, in a fresh browser.
      const { client_id } = await createClient(olympus.adminUrl, {
        token_endpoint_auth_method: 'none', redirect_uris: [app.callbackUrl], scope: 'openid', skip_consent: true,
        grant_types: ['authorization_code'], response_types: ['code'],
      });
      const pkce = pkcePair();
      const fresh = await open();
      await fresh.goto(authorizeUrl(olympus.publicUrl, {
        client_id, response_type: 'code', redirect_uri: app.callbackUrl, scope: 'openid', state: 'aal2-state-1', acr_values: 'aal2',
        code_challenge: pkce.challenge, code_challenge_method: 'S256',
      }));
      await fresh.locator('input[name="identifier"]').fill(email);
      await fresh.locator('input[name="password"]').fill(password);
      await Promise.all([fresh.waitForURL(/\/login\?flow=/), fresh.locator('button[name="method"][value="password"]').click()]);
      assert.match(await fresh.locator('h1').innerText(), /Second step/, 'the second-factor page, not the app');
      assert.equal(await fresh.locator('input[name="totp_code"]').count(), 1, 'the authenticator code is asked for');
      await accessibleAndCaptured(fresh, `hera-login-aal2-${kind}`);
      // Both time steps around now were spent above (a TOTP step counts once), so one of the saved
      // recovery codes completes the second factor — in its own form on the same page: the empty
      // authenticator field must not block it.
      await fresh.locator('input[name="lookup_secret"]').fill(shown.match(/[a-z0-9]{8}/)![0]);
      await Promise.all([fresh.waitForURL((u) => u.toString().startsWith(app.callbackUrl)), fresh.locator('button[name="method"][value="lookup_secret"]').click()]);
      const code = new URL(fresh.url()).searchParams.get('code');
      assert.ok(code, `back at the app with a code: ${fresh.url()}`);
      const tokens = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: app.callbackUrl, client_id, code_verifier: pkce.verifier });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      assert.equal(decodeJwt(tokens.body.id_token).acr, 'aal2');
    });

    test('settings: a change that needs a recent login goes through the re-authentication and comes back', async () => {
      const email = freshEmail();
      const password = strongPassword();
      const newPassword = strongPassword();
      const identityId = await createIdentity(email, password);
      const page = await open();
      await signIn(page, email, password);
      // The session's last login an hour ago: older than privileged_session_max_age (15 minutes).
      const [session] = await olympus.server.identity.storage.sessions.listSessionsOfIdentity(identityId, { activeOnly: true, limit: 1 });
      await olympus.server.identity.storage.sessions.updateSession({ ...session, authenticated_at: new Date(Date.now() - 3_600_000).toISOString() });

      await page.goto(url('/settings'));
      const settingsUrl = page.url();
      const passwordCard = page.locator('section.card', { has: page.getByRole('heading', { name: 'Password' }) });
      await passwordCard.locator('input[name="password"]').fill(newPassword);
      await Promise.all([page.waitForURL(/\/login\?flow=/), passwordCard.locator('button[name="method"][value="password"]').click()]);
      assert.match(await page.locator('h1').innerText(), /Confirm it is you/);
      await page.locator('input[name="password"]').fill(password);
      await Promise.all([page.waitForURL(settingsUrl), page.locator('button[name="method"][value="password"]').click()]);
      await passwordCard.locator('input[name="password"]').fill(newPassword);
      await Promise.all([page.waitForURL(settingsUrl), passwordCard.locator('button[name="method"][value="password"]').click()]);
      assert.equal(await page.locator('main > .messages .message.success').count(), 1, await page.locator('main').innerText());
      const again = await open();
      await signIn(again, email, newPassword);
    });

    test('devices: one browser revokes the other\'s session; GET /sessions still answers API clients with JSON', async () => {
      const email = freshEmail();
      const password = strongPassword();
      await createIdentity(email, password);
      const first = await open();
      const second = await open();
      await signIn(first, email, password);
      await signIn(second, email, password);

      const cookie = (await first.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
      const listed = await api.listMySessions({ cookie });
      assert.equal(listed.length, 1, 'the JSON API lists the other session');
      const json = await fetch(url('/sessions'), { headers: { cookie, accept: 'application/json' } });
      assert.equal(json.status, 200);
      assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(json.headers.get('vary') ?? '', /Sec-Fetch-Mode/);
      const anonymous = await fetch(url('/sessions'), { headers: { accept: 'application/json' } });
      assert.equal(anonymous.status, 401, 'the API still answers 401 without a session');

      await first.goto(url('/sessions'));
      assert.equal(pathOf(first), '/sessions');
      assert.equal(await first.getByRole('heading', { level: 2, name: 'This device' }).count(), 1);
      assert.equal(await first.getByRole('heading', { level: 2, name: 'Other device 1' }).count(), 1);
      assert.match(await first.locator('main').innerText(), /HeadlessChrome/);
      await accessibleAndCaptured(first, `hera-sessions-${kind}`);

      // A form token for one session does not revoke another.
      const token = await first.locator('form[action="/sessions/revoke"] input[name="csrf_token"]').inputValue();
      const forged = await fetch(url('/sessions/revoke'), {
        method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf_token: token, session_id: randomUUID() }), redirect: 'manual',
      });
      assert.equal(forged.status, 403);

      await Promise.all([first.waitForURL(/\/sessions\?revoked=1$/), first.getByRole('button', { name: /^Revoke/ }).click()]);
      assert.equal(await first.locator('.message.success').count(), 1);
      assert.equal(await first.getByRole('heading', { level: 2, name: 'Other device 1' }).count(), 0);
      assert.deepEqual(await api.listMySessions({ cookie }), []);

      await second.goto(url('/'));
      assert.equal(pathOf(second), '/login', 'the revoked browser is signed out');
      await first.goto(url('/'));
      assert.equal(pathOf(first), '/', 'the revoking browser is still signed in');
    });

    test('signed-out navigations to the account pages go to the login page and come back', async () => {
      for (const path of ['/', '/sessions']) {
        const res = await fetch(url(path), { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' }, redirect: 'manual' });
        assert.equal(res.status, 303, path);
        const location = new URL(res.headers.get('location') ?? '', olympus.publicUrl);
        assert.equal(location.pathname, '/login');
        assert.equal(location.searchParams.get('return_to'), url(path));
      }
      const registration = await fetch(url('/registration?login_challenge=abc&return_to=%2Fsettings&other=x'), { redirect: 'manual' });
      assert.equal(registration.status, 303);
      const target = new URL(registration.headers.get('location') ?? '');
      assert.equal(target.pathname, '/self-service/registration/browser');
      assert.deepEqual(Object.fromEntries(target.searchParams), { login_challenge: 'abc', return_to: '/settings' });
    });
  });
}
