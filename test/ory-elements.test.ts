/**
 * Ory Elements renders Olympus' login flow, unchanged (docs/compatibility.md §2.5): a minimal page built
 * with @ory/elements-react (test/support/ory-elements), bundled once with esbuild and served from its own
 * loopback origin, is the login UI (`selfservice.flows.login.ui_url`). In real Chromium it shows the
 * password fields, the button of a `generic` social sign-in provider and the passkey button, and a
 * password login through it gives a session that /sessions/whoami reports to the page. Its passkey
 * button works through Olympus' `webauthn_script` node: a user whose passkey sits in a CDP virtual
 * authenticator signs in by pressing it. On SQLite and PostgreSQL; screenshots
 * test-output/screenshots/ory-elements-login-<db>.png and ory-elements-passkey-<db>.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/chromium.ts';
import { startFakeProvider, type FakeProvider } from './support/fake-oidc-provider.ts';
import { bundleLoginPage, type PageBundle } from './support/ory-elements/bundle.ts';
import { startPageServer, type PageServer } from './support/ory-elements/page-server.ts';
import { holdPasskey, userWithPasskey } from './support/ory-elements/passkey-user.ts';
import { withPasskeys } from './support/passkeys.ts';
import { PASSWORD, selfService } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let browser: Browser;
let bundle: PageBundle;
before(async () => {
  [browser, bundle] = await Promise.all([launchBrowser(), bundleLoginPage()]);
});
after(async () => {
  await browser?.close();
  bundle?.remove();
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Ory Elements login page (${kind})`, () => {
    let olympus: TestServer;
    let provider: FakeProvider;
    let page: PageServer;

    before(async () => {
      [provider, page] = await Promise.all([startFakeProvider(), startPageServer(bundle.dir)]);
      const server = await startTestServer(kind, (c) => {
        const base = withPasskeys(c);
        const { selfservice } = base;
        // The browser signs a passkey for the page it runs on: the Elements origin is one of the RP's origins.
        const { passkey } = selfservice.methods;
        const rp = { ...passkey.config.rp, origins: [...passkey.config.rp.origins, page.origin] };
        return {
          ...base,
          selfservice: {
            ...selfservice,
            flows: { ...selfservice.flows, login: { ...selfservice.flows.login, uiUrl: `${page.origin}/login` } },
            methods: {
              ...selfservice.methods,
              passkey: { ...passkey, config: { ...passkey.config, rp } },
              oidc: {
                enabled: true,
                config: { providers: [{ id: 'fake', provider: 'generic', label: 'Fake', clientId: provider.clientId, clientSecret: provider.clientSecret, issuerUrl: provider.issuer }] },
              },
            },
          },
        };
      });
      // The passkey RP ID is localhost, so the server is addressed by its configured origin, not 127.0.0.1.
      olympus = { ...server, publicUrl: server.config.serve.public.url };
      page.sdkUrl = olympus.publicUrl;
    });
    after(async () => {
      await olympus?.close();
      await page?.close();
      await provider?.close();
    });

    test('renders the password fields, the provider button and the passkey button, and signs in with the password', async () => {
      const { email } = await selfService(() => olympus.publicUrl).registerNatively();
      const traced = await newPage(browser);
      try {
        const { page: tab } = traced;
        await tab.goto(`${olympus.publicUrl}/self-service/login/browser`);
        assert.equal(new URL(tab.url()).origin, page.origin, 'Olympus sends the browser to the Elements page');
        await tab.locator('input[name="identifier"]').waitFor({ timeout: 20_000 });
        assert.ok(await tab.locator('input[name="password"][type="password"]').isVisible(), 'the password field');
        const providerButton = tab.locator('button[name="provider"][value="fake"]');
        assert.ok(await providerButton.isVisible(), 'the provider button');
        assert.match(await providerButton.innerText(), /Sign in with Fake/);
        const passkeyButton = tab.locator('button[name="passkey_login_trigger"]');
        assert.ok(await passkeyButton.isVisible(), 'the passkey button');
        assert.match(await passkeyButton.innerText(), /passkey/i);
        await screenshot(tab, `ory-elements-login-${kind}`);

        await tab.locator('input[name="identifier"]').fill(email);
        await tab.locator('input[name="password"]').fill(PASSWORD);
        const [submitted] = await Promise.all([
          tab.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/self-service/login'),
          tab.locator('button[name="method"][value="password"]').click(),
        ]);
        assert.equal(submitted.status(), 200, 'Elements submitted the password method as JSON and Olympus signed in');
        // continue_with's redirect_browser_to: the default return URL, Olympus' home page.
        await tab.waitForURL(`${olympus.publicUrl}/`);

        // The session belongs to the browser: the Elements origin reads it from /sessions/whoami.
        await tab.goto(`${page.origin}/blank`);
        const whoami = await tab.evaluate(async (url) => {
          const res = await fetch(`${url}/sessions/whoami`, { credentials: 'include', headers: { accept: 'application/json' } });
          return { status: res.status, body: await res.json() };
        }, olympus.publicUrl);
        assert.equal(whoami.status, 200);
        assert.equal(whoami.body.active, true);
        assert.equal(whoami.body.identity.traits.email, email);
        assert.deepEqual(whoami.body.authentication_methods.map((m: { method: string }) => m.method), ['password']);
      } finally {
        await traced.close();
      }
    });

    test('signs in with a passkey through Elements\' passkey button, which calls Olympus\' webauthn_script', async () => {
      const user = await userWithPasskey(olympus.publicUrl);
      const traced = await newPage(browser);
      try {
        const { page: tab, context } = traced;
        await holdPasskey(context, tab, user);
        await tab.goto(`${olympus.publicUrl}/self-service/login/browser`);
        const passkeyButton = tab.locator('button[name="passkey_login_trigger"]');
        await passkeyButton.waitFor({ timeout: 20_000 });
        // Elements draws the flow's script node: Olympus' script, with its integrity, from Olympus' origin.
        const script = tab.locator(`script[src="${olympus.publicUrl}/.well-known/ory/webauthn.js"]`);
        assert.equal(await script.count(), 1, 'the page loads the webauthn_script node');
        assert.match(await script.getAttribute('integrity') ?? '', /^sha512-[A-Za-z0-9+/]{86}==$/);
        await tab.waitForFunction(() => typeof (window as { oryPasskeyLogin?: unknown }).oryPasskeyLogin === 'function');
        assert.ok(await passkeyButton.isEnabled(), 'the passkey button is ready');
        await screenshot(tab, `ory-elements-passkey-${kind}`);

        const [submitted] = await Promise.all([
          tab.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/self-service/login'),
          passkeyButton.click(),
        ]);
        assert.match(submitted.postData() ?? '', /(^|&)passkey_login=%7B/, 'the script posted the authenticator\'s answer');
        await tab.waitForURL(`${olympus.publicUrl}/`);

        await tab.goto(`${page.origin}/blank`);
        const whoami = await tab.evaluate(async (url) => {
          const res = await fetch(`${url}/sessions/whoami`, { credentials: 'include', headers: { accept: 'application/json' } });
          return { status: res.status, body: await res.json() };
        }, olympus.publicUrl);
        assert.equal(whoami.status, 200);
        assert.equal(whoami.body.identity.id, user.identityId);
        assert.deepEqual(whoami.body.authentication_methods.map((m: { method: string }) => m.method), ['passkey']);
      } finally {
        await traced.close();
      }
    });

    test('the self-service API answers CORS with credentials to the login UI\'s origin and to no other', async () => {
      const preflight = (origin: string) => fetch(`${olympus.publicUrl}/self-service/login?flow=x`, {
        method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      const allowed = await preflight(page.origin);
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers.get('access-control-allow-origin'), page.origin);
      assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
      assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /content-type/i);
      const whoami = await fetch(`${olympus.publicUrl}/sessions/whoami`, { headers: { origin: page.origin } });
      assert.equal(whoami.status, 401);
      assert.equal(whoami.headers.get('access-control-allow-origin'), page.origin, 'a refusal is readable too');
      await whoami.arrayBuffer();
      for (const origin of ['https://evil.example', olympus.publicUrl]) {
        const refused = await preflight(origin);
        assert.equal(refused.headers.get('access-control-allow-origin'), null, origin);
        await refused.arrayBuffer();
      }
      const authorize = await fetch(`${olympus.publicUrl}/oauth2/auth`, { headers: { origin: page.origin }, redirect: 'manual' });
      assert.equal(authorize.headers.get('access-control-allow-origin'), null, '/oauth2/auth never answers CORS');
      await authorize.arrayBuffer();
    });
  });
}
