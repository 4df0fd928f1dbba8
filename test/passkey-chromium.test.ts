/**
 * Passkeys and security keys in real Chromium with a CDP virtual authenticator (docs/operations/passkeys.md),
 * on SQLite and PostgreSQL: a passkey enrolled in Hera's settings through its WebAuthn script, then, signed
 * out, an OAuth2 login with the passkey alone; a security key as the second factor of an acr_values=aal2
 * login (acr aal2 in the ID token); a passkey removed in settings refused at the next sign-in. Axe finds
 * nothing on the new pages; screenshots under test-output/screenshots/passkey-*.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility, describeViolations, launchBrowser, newPage, screenshot, type TracedPage } from './support/chromium.ts';
import { atCallback, createAppClient, idTokenOf, passwordStep, registerUser, startApp, startAuthorization, type App, type User } from './support/hera-oauth2.ts';
import { withPasskeys } from './support/passkeys.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/**
 * An authenticator that verifies its user and can hold passkeys. It serves as the security key too:
 * headless Chromium leaves a request to a virtual `usb` authenticator pending, and the webauthn
 * method only asks that the key be registered to the identity (allowCredentials).
 */
const PLATFORM = { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true } as const;

const addAuthenticator = async (traced: TracedPage, options: typeof PLATFORM): Promise<void> => {
  const cdp = await traced.context.newCDPSession(traced.page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', { options });
};

const assertAccessible = async (page: Page, what: string): Promise<void> => {
  const violations = await checkAccessibility(page);
  assert.deepEqual(violations, [], `${what}: ${describeViolations(violations)}`);
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`passkeys in Chromium (${kind})`, () => {
    let olympus: TestServer;
    let app: App;
    let clientId: string;

    before(async () => {
      const [server, started] = await Promise.all([startTestServer(kind, withPasskeys), startApp()]);
      // The helpers address the server by its configured origin, on localhost (an RP ID is never an IP address).
      olympus = { ...server, publicUrl: server.config.serve.public.url };
      app = started;
      ({ client_id: clientId } = await createAppClient(olympus, app));
    });
    after(async () => {
      await app?.close();
      await olympus?.close();
    });

    /** Signs in with the password through /settings, which comes back to the settings page. */
    const openSettings = async (traced: TracedPage, user: User): Promise<void> => {
      const { page } = traced;
      await page.goto(`${olympus.publicUrl}/settings`);
      await page.locator('input[name="identifier"]').fill(user.email);
      await page.locator('input[name="password"]').fill('a perfectly long passphrase 7');
      await Promise.all([page.waitForURL((u) => u.pathname === '/settings'), page.locator('button[name="method"][value="password"]').click()]);
    };

    /**
     * A new user in settings, signed in with the password, in a page of its own with a platform
     * authenticator (and the buttons only, unless `conditional` keeps conditional UI on); closed after `run`.
     */
    const inSettings = async (run: (traced: TracedPage, user: User) => Promise<void>, { conditional = false } = {}): Promise<void> => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        await addAuthenticator(traced, PLATFORM);
        if (!conditional) await buttonOnly(traced.page);
        await openSettings(traced, user);
        await run(traced, user);
      } finally {
        await traced.close();
      }
    };

    const enrol = async (page: Page, method: 'passkey' | 'webauthn', name: string): Promise<void> => {
      const field = method === 'passkey' ? 'passkey_display_name' : 'webauthn_register_displayname';
      await page.locator(`input[name="${field}"]`).fill(name);
      const trigger = page.locator(`button[name="${method}_register_trigger"]`);
      assert.ok(await trigger.isVisible(), 'the script shows the enrol button');
      await trigger.click();
      await page.locator('.message.success, .message.error:not([hidden])').first().waitFor();
      const errors = await page.locator('.message.error:not([hidden])').allInnerTexts();
      assert.deepEqual(errors, [], 'no error after the enrolment');
      assert.equal(await page.locator('.message.success').count(), 1, 'the settings page says the change was saved');
      assert.ok(await page.getByText(`${name} (added `).isVisible(), 'the new credential is listed with its name');
    };

    /**
     * A virtual authenticator answers a conditional request at once (no autofill choice to wait for),
     * so these tests switch conditional UI off and press the button, as a user without autofill does.
     */
    const buttonOnly = (page: Page) =>
      page.addInitScript(() => {
        Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: async () => false });
      });

    const signOut = async (page: Page): Promise<void> => {
      await Promise.all([page.waitForURL((u) => u.pathname === '/login' || u.pathname === '/'), page.getByRole('button', { name: 'Sign out' }).click()]);
    };

    test('a passkey enrolled in settings, then, signed out, an OAuth2 login with the passkey alone', async () => {
      await inSettings(async (traced, user) => {
        const { page } = traced;
        const csp = (await page.request.get(page.url())).headers()['content-security-policy'];
        assert.match(csp, /script-src 'self'/, 'the settings page allows its own script');
        assert.doesNotMatch(csp, /unsafe-inline/);
        await assertAccessible(page, 'settings with the passkey section');
        await enrol(page, 'passkey', 'Laptop');
        assert.equal(await page.getByRole('button', { name: 'Remove passkey "Laptop"' }).count(), 1);
        await screenshot(page, 'passkey-settings');
        await assertAccessible(page, 'settings with an enrolled passkey');
        await signOut(page);

        const { url, verifier } = startAuthorization(olympus, app, clientId);
        await page.goto(url);
        assert.equal(new URL(page.url()).pathname, '/login');
        assert.equal(await page.locator('input[name="identifier"]').getAttribute('autocomplete'), 'username webauthn', 'conditional UI lists passkeys in the identifier field');
        const button = page.getByRole('button', { name: 'Sign in with a passkey' });
        await button.waitFor({ state: 'visible' });
        await screenshot(page, 'passkey-login');
        await assertAccessible(page, 'login with the passkey button');
        await Promise.all([page.waitForURL(atCallback(app)), button.click()]);
        const { claims } = await idTokenOf(olympus, app, clientId, page.url(), verifier);
        assert.equal(claims.sub, user.identityId);
        assert.equal(claims.acr, 'aal1');
      });
    });

    test('conditional UI: the login page asks with mediation "conditional", and the passkey the browser offers signs in', async () => {
      await inSettings(async (traced, user) => {
        const { page } = traced;
        await enrol(page, 'passkey', 'Phone');
        // Signed out by dropping the cookies: the sign-out's own landing page would already sign in conditionally.
        await traced.context.clearCookies();
        const { url, verifier } = startAuthorization(olympus, app, clientId);
        // No button pressed: the virtual authenticator answers the conditional request as a chosen autofill entry would.
        await Promise.all([page.waitForURL(atCallback(app)), page.goto(url)]);
        const { claims } = await idTokenOf(olympus, app, clientId, page.url(), verifier);
        assert.equal(claims.sub, user.identityId);
      }, { conditional: true });
    });

    test('a security key as the second factor: acr_values=aal2 ends with acr aal2 in the ID token', async () => {
      await inSettings(async (traced, user) => {
        const { page } = traced;
        await page.locator('input[name="webauthn_register_displayname"]').fill('YubiKey');
        // With a second factor now, settings ask for it (required_aal highest_available): the step-up page offers the new key.
        await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.locator('button[name="webauthn_register_trigger"]').click()]);
        await page.getByRole('button', { name: 'Use a security key' }).waitFor({ state: 'visible' });
        await traced.context.clearCookies();

        const { url, verifier } = startAuthorization(olympus, app, clientId, { acr_values: 'aal2' });
        await page.goto(url);
        await passwordStep(traced, user, app, 'second-factor');
        const key = page.getByRole('button', { name: 'Use a security key' });
        await key.waitFor({ state: 'visible' });
        assert.equal(await page.locator('input[name="password"]').count(), 0, 'no password at the second step');
        await screenshot(page, 'passkey-second-factor');
        await assertAccessible(page, 'the second-factor page with a security key');
        await Promise.all([page.waitForURL(atCallback(app)), key.click()]);
        const { claims } = await idTokenOf(olympus, app, clientId, page.url(), verifier);
        assert.equal(claims.sub, user.identityId);
        assert.equal(claims.acr, 'aal2');
        assert.ok(Array.isArray(claims.amr) && claims.amr.includes('hwk') && claims.amr.includes('mfa'), `amr: ${JSON.stringify(claims.amr)}`);
      });
    });

    test('a passkey removed in settings is refused at the next sign-in, with the message that says so', async () => {
      await inSettings(async (traced) => {
        const { page } = traced;
        await enrol(page, 'passkey', 'Old phone');
        await Promise.all([page.waitForURL((u) => u.pathname === '/settings'), page.getByRole('button', { name: 'Remove passkey "Old phone"' }).click()]);
        await page.locator('.message.success').waitFor();
        assert.equal(await page.getByRole('button', { name: 'Remove passkey "Old phone"' }).count(), 0);
        await signOut(page);

        await page.goto(`${olympus.publicUrl}/login`);
        const button = page.getByRole('button', { name: 'Sign in with a passkey' });
        await button.waitFor({ state: 'visible' });
        // The authenticator still holds the passkey and answers; the server no longer knows it.
        await Promise.all([page.waitForLoadState('load'), page.waitForURL((u) => u.pathname === '/login'), button.click()]);
        const refusal = page.locator('[data-message-id="4000015"]');
        await refusal.waitFor();
        await screenshot(page, 'passkey-removed-refused');
        await assertAccessible(page, 'login refusing a removed passkey');
      });
    });
  });
}
