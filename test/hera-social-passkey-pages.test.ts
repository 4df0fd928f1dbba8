/**
 * Hera's social sign-in and passkey sign-up pages in Chromium at phone width (320 px), in English and
 * German, on SQLite and PostgreSQL (docs/operations/social-sign-in.md, docs/operations/passkeys.md):
 * settings' "Sign-in providers" section linking and unlinking a provider, the two steps of a passkey
 * sign-up with a CDP virtual authenticator, and the registration form prefilled after a provider whose
 * traits the schema refuses. Every page: zero axe-core violations, no sideways scrolling, a screenshot
 * test-output/screenshots/hera-<page>-<lang>-<db>.png. The provider's authorization endpoint sends the
 * browser straight back with a code, as for a user signed in there who has consented before.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility, describeViolations, launchBrowser, screenshot } from './support/chromium.ts';
import { startFakeProvider, type FakeProvider } from './support/fake-oidc-provider.ts';
import { withPasskeys } from './support/passkeys.ts';
import { freshEmail, PASSWORD, selfService } from './support/self-service.ts';
import { freePort, startTestServer, type TestServer } from './support/server.ts';

const LANGUAGES = [{ lang: 'en', locale: 'en-US' }, { lang: 'de', locale: 'de-DE' }] as const;
const PLATFORM = { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true } as const;

interface Consent {
  url: string;
  close(): Promise<void>;
}

/**
 * The provider's authorization endpoint (configured as auth_url): a user who is signed in there and has
 * consented, so it sends the browser straight back to the redirect URI with a code, passing the nonce on
 * to the provider's token endpoint.
 */
const startConsent = async (provider: FakeProvider): Promise<Consent> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/authorize`;
  const server: Server = createServer((req, res) => {
    const asked = new URL(req.url ?? '/', url).searchParams;
    if (!asked.has('redirect_uri')) return void res.writeHead(404).end();
    provider.rememberNonce(asked.get('nonce') ?? '');
    const back = new URL(asked.get('redirect_uri')!);
    back.search = new URLSearchParams({ code: 'c', state: asked.get('state') ?? '' }).toString();
    res.writeHead(303, { location: back.href }).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
};

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) describe(`Hera's provider and passkey sign-up pages in Chromium (${kind})`, () => {
  let olympus: TestServer;
  let provider: FakeProvider;
  let consent: Consent;

  before(async () => {
    provider = await startFakeProvider();
    consent = await startConsent(provider);
    const common = { provider: 'generic' as const, clientId: provider.clientId, clientSecret: provider.clientSecret, issuerUrl: provider.issuer, authUrl: consent.url };
    const server = await startTestServer(kind, (c) => {
      const base = withPasskeys(c);
      const providers = [{ id: 'fake', label: 'Fake', ...common }, { id: 'strict', label: 'Strict', mapper: { traits: { email: 'mail' } }, ...common }];
      return { ...base, selfservice: { ...base.selfservice, methods: { ...base.selfservice.methods, oidc: { enabled: true, config: { providers } } } } };
    });
    // Passkeys need the localhost origin (an RP ID is never an IP address).
    olympus = { ...server, publicUrl: server.config.serve.public.url };
  });
  after(async () => {
    await olympus?.close();
    await provider?.close();
    await consent?.close();
  });

  /** A phone-sized page in its own context. */
  const open = async (locale: string): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width: 320, height: 720 } });
    return context.newPage();
  };

  const audit = async (page: Page, name: string): Promise<void> => {
    await screenshot(page, `hera-${name}-${kind}`);
    const violations = await checkAccessibility(page);
    assert.deepEqual(violations, [], `${name} (${page.url()}): ${describeViolations(violations)}`);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `${name}: no sideways scrolling (${scrollWidth} > ${clientWidth})`);
  };

  const whoami = async (page: Page) => (await page.request.get(`${olympus.publicUrl}/sessions/whoami`, { headers: { accept: 'application/json' } })).json();

  for (const { lang, locale } of LANGUAGES) {
    test(`${lang}: settings' sign-in providers section links a provider and unlinks it`, async () => {
      const { email } = await selfService(() => olympus.publicUrl).registerNatively();
      const page = await open(locale);
      try {
        await page.goto(`${olympus.publicUrl}/settings`);
        await page.locator('input[name="identifier"]').fill(email);
        await page.locator('input[name="password"]').fill(PASSWORD);
        await Promise.all([page.waitForURL((u) => u.pathname === '/settings'), page.locator('button[name="method"][value="password"]').click()]);
        const section = page.locator('section[aria-labelledby="settings-oidc"]');
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        assert.ok(await section.locator('button[name="link"][value="fake"]').isVisible(), 'the link button');
        await audit(page, `settings-providers-${lang}`);

        provider.nextClaims = { sub: `settings-${lang}-${kind}`, email: freshEmail(), email_verified: true };
        await Promise.all([page.waitForURL((u) => u.pathname === '/settings' && u.searchParams.has('flow')), section.locator('button[name="link"][value="fake"]').click()]);
        await page.locator('.message.success').waitFor();
        const unlink = section.locator('button[name="unlink"][value="fake"]');
        assert.ok(await unlink.isVisible(), 'linked: the unlink button');
        await audit(page, `settings-providers-linked-${lang}`);

        await Promise.all([page.waitForURL((u) => u.pathname === '/settings'), unlink.click()]);
        await page.locator('.message.success').waitFor();
        assert.ok(await section.locator('button[name="link"][value="fake"]').isVisible(), 'unlinked: the link button again');
        assert.equal((await whoami(page)).identity.credentials?.oidc, undefined);
      } finally {
        await page.context().close();
      }
    });

    test(`${lang}: a passkey sign-up, traits first, then the passkey`, async () => {
      const page = await open(locale);
      try {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('WebAuthn.enable');
        await cdp.send('WebAuthn.addVirtualAuthenticator', { options: PLATFORM });
        await page.goto(`${olympus.publicUrl}/registration`);
        const form = page.locator('form:has(button[name="method"][value="passkey"])');
        await audit(page, `passkey-signup-traits-${lang}`);
        const email = freshEmail();
        await form.locator('input[name="traits.email"]').fill(email);
        await Promise.all([page.waitForLoadState('load'), form.locator('button[name="method"][value="passkey"]').click()]);
        const trigger = page.locator('button[name="passkey_register_trigger"]');
        await trigger.waitFor({ state: 'visible' });
        assert.equal(await form.locator('button[name="method"][value="passkey"]').isVisible(), false, 'one passkey button at the second step');
        await audit(page, `passkey-signup-passkey-${lang}`);

        await Promise.all([page.waitForURL((u) => u.pathname !== '/registration'), trigger.click()]);
        const session = await whoami(page);
        assert.equal(session.identity.traits.email, email);
        assert.deepEqual(session.authentication_methods.map((m: { method: string }) => m.method), ['passkey']);
      } finally {
        await page.context().close();
      }
    });

    test(`${lang}: traits the schema refuses land on the registration form, prefilled, which completes the sign-up`, async () => {
      const page = await open(locale);
      try {
        await page.goto(`${olympus.publicUrl}/login`);
        provider.nextClaims = { sub: `strict-${lang}-${kind}`, mail: 'not-an-address', email_verified: true };
        await Promise.all([page.waitForURL((u) => u.pathname === '/registration'), page.locator('button[name="provider"][value="strict"]').click()]);
        await page.locator('[data-message-id="4000964"]').waitFor();
        const field = page.locator('form:has(button[name="provider"][value="strict"]) input[name="traits.email"]');
        assert.equal(await field.inputValue(), 'not-an-address', 'prefilled with the mapped trait');
        assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the field with the problem is marked');
        await audit(page, `registration-prefilled-${lang}`);

        const email = freshEmail();
        await field.fill(email);
        await Promise.all([page.waitForURL((u) => u.pathname !== '/registration'), page.locator('button[name="provider"][value="strict"]').click()]);
        const session = await whoami(page);
        assert.equal(session.identity.traits.email, email);
        assert.equal(session.authentication_methods[0].method, 'oidc');
      } finally {
        await page.context().close();
      }
    });
  }
});
