/**
 * Athena's Sign-in providers in Chromium, on SQLite and PostgreSQL, against a loopback provider
 * (support/fake-oidc-provider.ts, with a sign-in page as its auth_url that sends the administrator
 * back with a code): the list shows each provider's configuration without its secret and the
 * redirect URIs to register; a dry run goes to the provider and back and shows the claims and the
 * mapped traits; an ID token for another audience fails at "ID token", claims that fail the identity
 * schema at "Mapping", a callback without the dry run's cookie at "State"; Apple's form_post answer
 * (recorded shapes of support/provider-fixtures.ts, its authorization page answered in the browser) is
 * turned into a GET and the first-login name from its `user` field shown. No dry run creates an
 * identity. Admin only. English and German (320 px), zero axe-core violations, a screenshot of each.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { exportPKCS8, generateKeyPair } from 'jose';
import { launchBrowser } from './support/chromium.ts';
import { auditPage, grantRole, registerPlainUser, signInToAthena } from './support/athena.ts';
import { startFakeProvider, type FakeProvider } from './support/fake-oidc-provider.ts';
import { startProviderFixtures, type ProviderFixtures } from './support/provider-fixtures.ts';
import { appleUserField } from './support/recorded-providers.ts';
import { freePort, startTestServer, type TestServer } from './support/server.ts';

/**
 * The provider's sign-in page (its authorization endpoint, configured as auth_url): it passes the
 * nonce on to the provider's token endpoint and offers a link back to the redirect URI with a code.
 */
const startSignInPage = async (provider: FakeProvider): Promise<{ url: string; close(): Promise<void> }> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/authorize`;
  const server: Server = createServer((req, res) => {
    const asked = new URL(req.url ?? '/', url).searchParams;
    // Chromium also asks this origin for /favicon.ico.
    if (!asked.has('nonce')) return void res.writeHead(404).end();
    provider.rememberNonce(asked.get('nonce')!);
    const back = new URL(asked.get('redirect_uri') ?? url);
    back.search = new URLSearchParams({ code: `code-${Date.now()}`, state: asked.get('state') ?? '' }).toString();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html lang="en"><title>Fake</title><main><a href="${back.toString().replaceAll('&', '&amp;')}">Sign in at Fake</a></main></html>`);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
};

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Athena: sign-in providers (${kind})`, () => {
    let olympus: TestServer;
    let provider: FakeProvider;
    let signInPage: { url: string; close(): Promise<void> };
    let fixtures: ProviderFixtures;
    let admin: { email: string; password: string };
    const contexts: BrowserContext[] = [];

    before(async () => {
      provider = await startFakeProvider();
      signInPage = await startSignInPage(provider);
      fixtures = await startProviderFixtures();
      const appleKey = await exportPKCS8((await generateKeyPair('ES256', { extractable: true })).privateKey);
      const apple = { id: 'apple', provider: 'apple' as const, clientId: fixtures.clientId, appleTeamId: 'TEAM123456', applePrivateKeyId: 'KEY1234567', applePrivateKey: appleKey };
      const fake = { provider: 'generic' as const, clientId: provider.clientId, clientSecret: provider.clientSecret, issuerUrl: provider.issuer, authUrl: signInPage.url };
      olympus = await startTestServer(kind, (c) => ({
        ...c,
        selfservice: {
          ...c.selfservice,
          methods: {
            ...c.selfservice.methods,
            oidc: {
              enabled: true,
              config: {
                providers: [
                  { id: 'fake', label: 'Fake', ...fake },
                  { id: 'corp', label: 'Corp ID', ...fake, pkce: 'force' as const, mapper: { traits: { email: 'upn', 'name.first': 'given_name' } } },
                  apple,
                ],
              },
            },
          },
        },
      }));
      // Apple's endpoints are answered by the loopback fixtures (server side: token exchange and keys).
      const identity = olympus.server.identity as { providerHttp?: import('@olympus/identity').ProviderHttpPort };
      identity.providerHttp = fixtures.reroute(identity.providerHttp!);
      admin = await registerPlainUser(olympus);
      await grantRole(olympus, admin.email, 'admin');
    });
    after(async () => {
      for (const c of contexts) await c.close();
      await olympus?.close();
      await provider?.close();
      await signInPage?.close();
      await fixtures?.close();
    });

    const audit = (page: Page, name: string) => auditPage(page, `athena-${kind}-${name}`);
    const dryRunCallback = (id: string) => `${olympus.adminUrl}/providers/${id}/dry-run/callback`;
    const identityCount = async (): Promise<number> => ((await (await fetch(`${olympus.adminUrl}/admin/identities?page_size=500`)).json()) as unknown[]).length;

    /** Signed in to Athena. */
    const signIn = async (options = {}): Promise<Page> => {
      const { page, context } = await signInToAthena(browser, olympus, admin.email, admin.password, options);
      contexts.push(context);
      return page;
    };

    /** The list page's dry-run link for `label`, followed to the result page. */
    const dryRun = async (page: Page, label: string, id = 'fake'): Promise<void> => {
      await page.goto(`${olympus.adminUrl}/providers`);
      await Promise.all([page.waitForURL((u) => u.href.startsWith(signInPage.url)), page.getByRole('link', { name: label }).click()]);
      await Promise.all([
        page.waitForURL((u) => u.pathname === `/providers/${id}/dry-run/result`),
        page.getByRole('link', { name: 'Sign in at Fake' }).click(),
      ]);
    };
    const main = (page: Page) => page.locator('main').innerText();

    test('the list shows each provider without its secret, both redirect URIs and the mapping', async () => {
      const page = await signIn();
      await Promise.all([page.waitForURL(`${olympus.adminUrl}/providers`), page.getByRole('link', { name: 'Sign-in providers' }).click()]);
      assert.equal(await page.locator('h1').innerText(), 'Sign-in providers');
      const shown = await main(page);
      for (const part of ['Fake', 'Corp ID', provider.clientId, provider.issuer, 'generic', 'openid email profile', 'force', 'set (not shown)', dryRunCallback('fake'),
        `${olympus.publicUrl}/self-service/methods/oidc/callback/corp`, 'email ← upn', 'name.last ← family_name', 'after the user signs in to the existing account']) {
        assert.ok(shown.includes(part), `${part} in the list`);
      }
      assert.ok(!(await page.content()).includes(provider.clientSecret), 'the client secret is never in the page');
      await audit(page, 'providers');
    });

    test('a dry run goes to the provider and back and shows the claims and the mapped traits, storing nothing', async () => {
      const before = await identityCount();
      provider.nextClaims = { sub: 'dry-run-1', email: 'dana.dry@example.com', email_verified: true, given_name: 'Dana', family_name: 'Dry' };
      const page = await signIn();
      await dryRun(page, 'Dry run of Fake');
      assert.match(await main(page), /The round trip succeeded.*Nothing was stored/s);
      for (const step of ['authorization', 'state', 'token_exchange', 'id_token', 'claims', 'mapping']) {
        assert.match(await page.locator(`li[data-step="${step}"]`).innerText(), /passed/, step);
      }
      const idToken = await page.locator('section', { hasText: 'Claims in the ID token' }).innerText();
      for (const part of ['"sub": "dry-run-1"', '"email_verified": true', `"iss": "${provider.issuer}"`]) assert.ok(idToken.includes(part), `${part} in ${idToken}`);
      const traits = JSON.parse(await page.locator('section', { hasText: 'Mapped traits' }).locator('pre').innerText()) as unknown;
      assert.deepEqual(traits, { email: 'dana.dry@example.com', name: { first: 'Dana', last: 'Dry' } });
      assert.match(await page.locator('section', { hasText: 'Addresses marked verified' }).innerText(), /dana\.dry@example\.com/);
      assert.match(await main(page), /No identity has this provider account yet/);
      const exchange = provider.tokenRequests.at(-1)!.form;
      assert.equal(exchange.get('redirect_uri'), dryRunCallback('fake'), 'the code is exchanged for the dry run\'s own redirect URI');
      assert.ok(exchange.get('code_verifier'), 'with the PKCE verifier');
      await audit(page, 'providers-dry-run');
      assert.equal(await identityCount(), before, 'no identity was created');
      const found = (await (await fetch(`${olympus.adminUrl}/admin/identities?credentials_identifier=dana.dry@example.com`)).json()) as unknown[];
      assert.deepEqual(found, []);
    });

    test('an ID token for another audience fails at the step "ID token"', async () => {
      const before = await identityCount();
      provider.nextClaims = { sub: 'dry-run-2', email: 'aud@example.com', aud: 'another-client' };
      const page = await signIn();
      await dryRun(page, 'Dry run of Fake');
      assert.match(await page.locator('[role=alert]').innerText(), /failed at the step “ID token”/);
      assert.match(await page.locator('li.failing').innerText(), /ID token: failed/);
      assert.match(await page.locator('li[data-step="claims"]').innerText(), /not reached/);
      assert.match(await main(page), /another client \(aud\)/);
      assert.equal(await page.getByRole('link', { name: 'Troubleshooting: oidc_id_token_invalid' }).count(), 1);
      await audit(page, 'providers-dry-run-audience');
      assert.equal(await identityCount(), before, 'no identity was created');
    });

    test('claims that fail the identity schema fail at the step "Mapping" with the trait named', async () => {
      const before = await identityCount();
      provider.nextClaims = { sub: 'dry-run-3', upn: 'not-an-address', given_name: 'Mo' };
      const page = await signIn();
      await dryRun(page, 'Dry run of Corp ID', 'corp');
      assert.match(await page.locator('[role=alert]').innerText(), /failed at the step “Mapping”/);
      assert.match(await page.locator('li.failing').innerText(), /Mapping: failed/);
      const problems = await page.locator('section', { hasText: 'Schema errors' }).innerText();
      assert.match(problems, /email/);
      const traits = JSON.parse(await page.locator('section', { hasText: 'Mapped traits' }).locator('pre').innerText()) as unknown;
      assert.deepEqual(traits, { email: 'not-an-address', name: { first: 'Mo' } });
      assert.ok(provider.tokenRequests.at(-1)!.form.get('code_verifier'), 'pkce: force sends a verifier');
      await audit(page, 'providers-dry-run-mapping');
      assert.equal(await identityCount(), before, 'no identity was created');
    });

    test('a callback without the dry run\'s cookie fails at the step "State"', async () => {
      const page = await signIn();
      await page.goto(`${dryRunCallback('fake')}?code=forged&state=forged`);
      await page.waitForURL((u) => u.pathname === '/providers/fake/dry-run/result');
      assert.match(await page.locator('[role=alert]').innerText(), /failed at the step “State”/);
      assert.match(await main(page), /dry-run cookie did not come back/);
      assert.equal(await page.locator('li[data-step="token_exchange"]').innerText().then((s) => /not reached/.test(s)), true);
    });

    test('Apple: the form_post answer is turned into a GET, and the first-login name from its user field is shown', async () => {
      const before = await identityCount();
      const page = await signIn();
      // Apple's authorization page, as the browser meets it: a form that POSTs the answer to the redirect URI.
      await page.context().route((u) => u.href.startsWith('https://appleid.apple.com/auth/authorize'), async (route) => {
        const asked = new URL(route.request().url()).searchParams;
        assert.equal(asked.get('response_mode'), 'form_post');
        fixtures.nonce = asked.get('nonce') ?? '';
        const field = (name: string, value: string) => `<input type="hidden" name="${name}" value="${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}">`;
        await route.fulfill({
          status: 200, contentType: 'text/html',
          body: `<!doctype html><html lang="en"><title>Apple</title><main><form method="post" action="${asked.get('redirect_uri')}">${field('code', 'apple-dry-code')}${field('state', asked.get('state') ?? '')}${field('user', appleUserField('jane@privaterelay.example'))}<button>Continue with Apple</button></form></main></html>`,
        });
      });
      await page.goto(`${olympus.adminUrl}/providers`);
      const start = new URL(await page.getByRole('link', { name: 'Dry run of Apple' }).getAttribute('href') ?? '', olympus.adminUrl);
      // The start's 303 taken with the context's own cookies (Playwright routes no redirect hop), then followed.
      const started = await page.context().request.get(start.href, { maxRedirects: 0 });
      assert.equal(started.status(), 303);
      await page.goto(started.headers().location);
      const [posted] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === dryRunCallback('apple')),
        page.waitForURL((u) => u.pathname === '/providers/apple/dry-run/result'),
        page.getByRole('button', { name: 'Continue with Apple' }).click(),
      ]);
      assert.equal(posted.status(), 303, 'the POST is answered with a 303 to the GET callback');
      assert.equal(new URL(posted.headers().location, olympus.adminUrl).pathname, '/providers/apple/dry-run/callback');
      assert.match(await main(page), /The round trip succeeded.*Nothing was stored/s);
      for (const step of ['authorization', 'state', 'token_exchange', 'id_token', 'claims', 'mapping']) {
        assert.match(await page.locator(`li[data-step="${step}"]`).innerText(), /passed/, step);
      }
      const userField = JSON.parse(await page.locator('section', { hasText: 'Apple’s user field' }).locator('pre').innerText()) as unknown;
      assert.deepEqual(userField, { name: { firstName: 'Jane', lastName: 'Appleseed' }, email: 'jane@privaterelay.example' });
      const claims = await page.locator('section', { hasText: 'Claims the mapping read' }).innerText();
      for (const part of ['"given_name": "Jane"', '"family_name": "Appleseed"']) assert.ok(claims.includes(part), `${part} in ${claims}`);
      const traits = JSON.parse(await page.locator('section', { hasText: 'Mapped traits' }).locator('pre').innerText()) as unknown;
      assert.deepEqual(traits, { email: 'jane@privaterelay.example', name: { first: 'Jane', last: 'Appleseed' } });
      const exchange = fixtures.seen.filter((s) => s.at === 'POST /appleid.apple.com/auth/token').at(-1)!.form;
      assert.equal(exchange.get('redirect_uri'), dryRunCallback('apple'));
      await audit(page, 'providers-dry-run-apple');
      assert.equal(await identityCount(), before, 'no identity was created');
    });

    test('only administrators have the section', async () => {
      const support = await registerPlainUser(olympus);
      await grantRole(olympus, support.email, 'support');
      const { page, context } = await signInToAthena(browser, olympus, support.email, support.password);
      contexts.push(context);
      assert.ok(!(await page.locator('header nav a').allInnerTexts()).includes('Sign-in providers'));
      const res = await page.goto(`${olympus.adminUrl}/providers`);
      assert.equal(res?.status(), 403);
      assert.equal((await page.goto(`${olympus.adminUrl}/providers/fake/dry-run`))?.status(), 403);
    });

    test('in German at 320 px: the list and a dry run', async () => {
      provider.nextClaims = { sub: 'dry-run-4', email: 'erika@example.com', email_verified: true, given_name: 'Erika', family_name: 'Muster' };
      const page = await signIn({ locale: 'de-DE', viewport: { width: 320, height: 640 } });
      await page.goto(`${olympus.adminUrl}/providers`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'de');
      assert.equal(await page.locator('h1').innerText(), 'Anmeldeanbieter');
      const noSideways = async (what: string) => {
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        assert.ok(scrollWidth <= clientWidth, `${what}: no horizontal scroll (${scrollWidth} > ${clientWidth})`);
      };
      await noSideways('list');
      await audit(page, 'de-320px-providers');
      await dryRun(page, 'Probelauf mit Fake');
      assert.match(await main(page), /Der Durchlauf ist gelungen.*Nichts wurde gespeichert/s);
      assert.match(await main(page), /Abgebildete Merkmale/);
      await noSideways('dry run');
      await audit(page, 'de-320px-providers-dry-run');
      provider.nextClaims = { sub: 'dry-run-5', email: 'x@example.com', aud: 'another-client' };
      await dryRun(page, 'Probelauf mit Fake');
      assert.match(await page.locator('[role=alert]').innerText(), /beim Schritt „ID-Token“ gescheitert/);
      await audit(page, 'de-320px-providers-dry-run-audience');
    });
  });
}
