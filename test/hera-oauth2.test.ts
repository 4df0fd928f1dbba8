/**
 * Hera's OAuth2 edges in headless Chromium (issue 4), on SQLite and PostgreSQL: the aal2 step-up of
 * an OAuth2 login (acr_values=aal2, and session.whoami.required_aal: highest_available), prompt=login
 * and prompt=none, RP-initiated logout through Hera's /logout (confirmation, Yes, No, and
 * skip_logout_consent), and the account's "Sign out" POST with its form token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { decodeJwt } from 'jose';
import { Configuration, FrontendApi, type UiNodeTextAttributes } from '@ory/client-fetch';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext } from 'playwright-core';
import { CSRF_COOKIE } from '@olympus/identity';
import { sealFormToken } from '../apps/hera/src/form-token.ts';
import { checkAccessibility, describeViolations, launchBrowser, newPage, screenshot, type TracedPage } from './support/chromium.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { freePort, startTestServer, type TestServer } from './support/server.ts';

const PASSWORD = 'a perfectly long passphrase 7';

interface App {
  url: string;
  callback: string;
  loggedOut: string;
  server: Server;
}

/** The relying party: a callback and a post-logout page, each a small HTML page. */
const startApp = async (): Promise<App> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><title>App</title><h1>App</h1></html>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url, callback: `${url}/callback`, loggedOut: `${url}/logged-out`, server };
};

interface User {
  email: string;
  identityId: string;
  totp?: TOTP;
}

/** A fresh identity registered through the native API; with `totp`, TOTP is set up in settings. */
const registerUser = async (olympus: TestServer, withTotp: boolean): Promise<User> => {
  const api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
  const email = `hera-${randomUUID().slice(0, 8)}@example.com`;
  const flow = await api.createNativeRegistrationFlow();
  const done = await api.updateRegistrationFlow({ flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD } });
  const user: User = { email, identityId: done.identity.id };
  if (!withTotp) return user;
  const token = done.session_token!;
  const settings = await api.createNativeSettingsFlow({ xSessionToken: token });
  const secret = settings.ui.nodes.find((n) => (n.attributes as UiNodeTextAttributes).id === 'totp_secret_key');
  assert.ok(secret, 'the settings flow offers a TOTP secret');
  const totp = new TOTP({ secret: Secret.fromBase32(String((secret.attributes as UiNodeTextAttributes).text.text)), algorithm: 'SHA1', digits: 6, period: 30 });
  const enrolled = await api.updateSettingsFlow({ flow: settings.id, xSessionToken: token, updateSettingsFlowBody: { method: 'totp', totp_code: totp.generate() } });
  assert.equal(enrolled.state, 'success');
  return { ...user, totp };
};

/** The next time step's code: accepted (RFC 6238 §6 drift) and never the one the enrolment used. */
const nextCode = (totp: TOTP): string => totp.generate({ timestamp: Date.now() + 30_000 });

const createAppClient = (olympus: TestServer, app: App, extra: Record<string, unknown> = {}) =>
  createClient(olympus.adminUrl, {
    client_name: 'Step-up app', token_endpoint_auth_method: 'none', redirect_uris: [app.callback],
    post_logout_redirect_uris: [app.loggedOut], scope: 'openid email', skip_consent: true,
    grant_types: ['authorization_code'], response_types: ['code'], ...extra,
  });

const startAuthorization = (olympus: TestServer, app: App, clientId: string, extra: Record<string, string> = {}) => {
  const pkce = pkcePair();
  const url = authorizeUrl(olympus.publicUrl, {
    client_id: clientId, response_type: 'code', redirect_uri: app.callback, scope: 'openid email', state: `s-${randomUUID()}`,
    code_challenge: pkce.challenge, code_challenge_method: 'S256', ...extra,
  });
  return { url, verifier: pkce.verifier };
};

/** The callback's code exchanged; returns the ID token's claims. */
const idTokenOf = async (olympus: TestServer, app: App, clientId: string, callback: string, verifier: string) => {
  const code = new URL(callback).searchParams.get('code');
  assert.ok(code, `the callback carries a code: ${callback}`);
  const token = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: app.callback, client_id: clientId, code_verifier: verifier });
  assert.equal(token.status, 200, JSON.stringify(token.body));
  return { idToken: token.body.id_token!, claims: decodeJwt(token.body.id_token!) };
};

const atCallback = (app: App) => (u: URL) => u.toString().startsWith(app.callback);

/** Fills and submits the password form of Hera's /login page; `to`: the app, or the second-factor page. */
const passwordStep = async (traced: TracedPage, user: User, app: App, to: 'app' | 'second-factor' = 'app') => {
  const { page } = traced;
  const shown = new URL(page.url());
  assert.equal(shown.pathname, '/login', `the login form is shown, got ${page.url()}`);
  const secondFactorPage = (u: URL) => u.pathname === '/login' && u.searchParams.has('flow') && u.searchParams.get('flow') !== shown.searchParams.get('flow');
  if (await page.locator('input[name="identifier"]').isEditable()) await page.locator('input[name="identifier"]').fill(user.email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await Promise.all([page.waitForURL(to === 'app' ? atCallback(app) : secondFactorPage), page.locator('button[name="method"][value="password"]').click()]);
};

/** Asserts the second-factor page and completes it with the authenticator's code. */
const totpStep = async (traced: TracedPage, user: User, app: App) => {
  const { page } = traced;
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Second step: confirm with your authenticator');
  assert.equal(await page.locator('input[name="password"]').count(), 0, 'no password at the second step');
  const code = page.locator('input[name="totp_code"]');
  assert.equal(await code.count(), 1, 'the page asks for the TOTP code');
  await code.fill(nextCode(user.totp!));
  await Promise.all([page.waitForURL(atCallback(app)), page.locator('button[name="method"][value="totp"]').click()]);
};

/** A full first login in `traced` (password only); returns the ID token and its claims. */
const signIn = async (olympus: TestServer, app: App, clientId: string, traced: TracedPage, user: User) => {
  const { url, verifier } = startAuthorization(olympus, app, clientId);
  await traced.page.goto(url);
  await passwordStep(traced, user, app);
  return idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
};

const whoamiStatus = async (olympus: TestServer, context: BrowserContext): Promise<number> =>
  (await context.request.get(`${olympus.publicUrl}/sessions/whoami`, { maxRedirects: 0 })).status();

const logoutUrl = (olympus: TestServer, app: App, idToken: string, state: string): string => {
  const url = new URL(`${olympus.publicUrl}/oauth2/sessions/logout`);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', app.loggedOut);
  url.searchParams.set('state', state);
  return url.toString();
};

/** True when some response from Olympus' public origin in `hops` was a rendered page (200). */
const renderedPageOf = (olympus: TestServer, hops: TracedPage['network']) =>
  hops.find((hop) => hop.status === 200 && new URL(hop.url).origin === olympus.publicUrl);

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Hera OAuth2 edges in Chromium (${kind})`, () => {
    let olympus: TestServer;
    let app: App;
    let clientId: string;
    let quickLogoutClientId: string;

    before(async () => {
      [olympus, app] = await Promise.all([startTestServer(kind), startApp()]);
      ({ client_id: clientId } = await createAppClient(olympus, app, { skip_logout_consent: false }));
      ({ client_id: quickLogoutClientId } = await createAppClient(olympus, app, { client_name: 'Quick app', skip_logout_consent: true }));
    });
    after(async () => {
      await new Promise((resolve) => app?.server.close(resolve));
      await olympus?.close();
    });

    test('acr_values=aal2: password, then the second-factor page, then the app; the ID token says aal2', async () => {
      const user = await registerUser(olympus, true);
      const traced = await newPage(browser);
      try {
        const { url, verifier } = startAuthorization(olympus, app, clientId, { acr_values: 'aal2' });
        await traced.page.goto(url);
        await passwordStep(traced, user, app, 'second-factor');
        await totpStep(traced, user, app);
        const { claims } = await idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
        assert.equal(claims.sub, user.identityId);
        assert.equal(claims.acr, 'aal2');
        assert.ok(Array.isArray(claims.amr) && claims.amr.includes('otp') && claims.amr.includes('mfa') && claims.amr.includes('pwd'), `amr: ${JSON.stringify(claims.amr)}`);
        const stepUp = traced.network.find((hop) => new URL(hop.url).pathname === '/self-service/login/browser' && new URL(hop.url).searchParams.get('aal') === 'aal2');
        assert.ok(stepUp && new URL(stepUp.url).searchParams.get('login_challenge'), 'the step-up keeps the login challenge');
      } finally {
        await traced.close();
      }
    });

    test('without acr_values an identity with TOTP logs in at aal1 (acr aal1) under the default configuration', async () => {
      const user = await registerUser(olympus, true);
      const traced = await newPage(browser);
      try {
        const { claims } = await signIn(olympus, app, clientId, traced, user);
        assert.equal(claims.acr, 'aal1');
        assert.ok(!traced.network.some((hop) => new URL(hop.url).searchParams.get('aal') === 'aal2'), 'no step-up');
      } finally {
        await traced.close();
      }
    });

    test('a live aal1 session meets acr_values=aal2 at Hera: straight to the second factor, challenge kept', async () => {
      const user = await registerUser(olympus, true);
      const traced = await newPage(browser);
      try {
        assert.equal((await signIn(olympus, app, clientId, traced, user)).claims.acr, 'aal1');
        const { url, verifier } = startAuthorization(olympus, app, clientId, { acr_values: 'aal2' });
        await traced.page.goto(url);
        await totpStep(traced, user, app);
        const { claims } = await idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
        assert.equal(claims.acr, 'aal2');
      } finally {
        await traced.close();
      }
    });

    test('prompt=login forces the login form over a live session; auth_time moves forward', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        const first = await signIn(olympus, app, clientId, traced, user);
        // auth_time counts seconds (OIDC Core §2): let one pass so a fresh login is visible in it.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        const { url, verifier } = startAuthorization(olympus, app, clientId, { prompt: 'login' });
        await traced.page.goto(url);
        assert.equal(await traced.page.getByRole('heading', { level: 1 }).innerText(), 'Confirm it is you');
        await passwordStep(traced, user, app);
        const { claims } = await idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
        assert.equal(claims.sub, user.identityId);
        assert.ok(Number(claims.auth_time) > Number(first.claims.auth_time), `auth_time ${claims.auth_time} > ${first.claims.auth_time}`);
      } finally {
        await traced.close();
      }
    });

    test('prompt=none: a code without any page over a live session; login_required without one', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      const stranger = await newPage(browser);
      try {
        await signIn(olympus, app, clientId, traced, user);
        const before = traced.network.length;
        const { url, verifier } = startAuthorization(olympus, app, clientId, { prompt: 'none' });
        await traced.page.goto(url);
        const hops = traced.network.slice(before);
        assert.equal(renderedPageOf(olympus, hops), undefined, `no page from Olympus: ${hops.map((h) => `${h.status} ${h.url}`).join(' → ')}`);
        assert.equal((await idTokenOf(olympus, app, clientId, traced.page.url(), verifier)).claims.sub, user.identityId);

        const anonymous = startAuthorization(olympus, app, clientId, { prompt: 'none' });
        await stranger.page.goto(anonymous.url);
        const callback = new URL(stranger.page.url());
        assert.ok(callback.toString().startsWith(app.callback), `back at the app: ${callback}`);
        assert.equal(callback.searchParams.get('error'), 'login_required');
        assert.equal(callback.searchParams.get('code'), null);
      } finally {
        await traced.close();
        await stranger.close();
      }
    });

    test('RP-initiated logout: confirmation page, Yes, back at post_logout_redirect_uri, the session gone', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        const { idToken } = await signIn(olympus, app, clientId, traced, user);
        const { page } = traced;
        await page.goto(logoutUrl(olympus, app, idToken, 'bye-state'));
        assert.equal(new URL(page.url()).pathname, '/logout');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sign out of Step-up app?');
        const violations = await checkAccessibility(page);
        await screenshot(page, 'hera-logout');
        assert.equal(violations.length, 0, `axe-core violations on /logout:\n${describeViolations(violations)}`);
        await Promise.all([page.waitForURL((u) => u.toString().startsWith(app.loggedOut)), page.getByRole('button', { name: 'Yes, sign out' }).click()]);
        assert.equal(new URL(page.url()).searchParams.get('state'), 'bye-state');
        assert.equal(await whoamiStatus(olympus, traced.context), 401, 'the identity session has ended');
        await page.goto(startAuthorization(olympus, app, clientId).url);
        assert.equal(new URL(page.url()).pathname, '/login');
        assert.equal(await page.locator('input[name="password"]').count(), 1, 'a new authorization shows the login form');
      } finally {
        await traced.close();
      }
    });

    test('RP-initiated logout, No: the user stays signed in', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        const { idToken } = await signIn(olympus, app, clientId, traced, user);
        const { page, network } = traced;
        await page.goto(logoutUrl(olympus, app, idToken, 'stay-state'));
        const before = network.length;
        await Promise.all([page.waitForURL((u) => u.pathname === '/' || u.pathname.startsWith('/login')), page.getByRole('button', { name: 'No, stay signed in' }).click()]);
        const answer = network.slice(before).find((hop) => hop.method === 'POST' && new URL(hop.url).pathname === '/logout');
        assert.equal(answer?.status, 303);
        assert.equal(answer?.location, '/');
        assert.equal(await whoamiStatus(olympus, traced.context), 200, 'the identity session lives on');
        await page.goto(startAuthorization(olympus, app, clientId).url);
        assert.ok(page.url().startsWith(app.callback), `still signed in: straight back to the app, got ${page.url()}`);
      } finally {
        await traced.close();
      }
    });

    test('RP-initiated logout with skip_logout_consent: no page, straight back to the app', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        const { idToken } = await signIn(olympus, app, quickLogoutClientId, traced, user);
        const before = traced.network.length;
        await traced.page.goto(logoutUrl(olympus, app, idToken, 'quick-state'));
        const landed = new URL(traced.page.url());
        assert.equal(`${landed.origin}${landed.pathname}`, app.loggedOut);
        assert.equal(landed.searchParams.get('state'), 'quick-state');
        const hops = traced.network.slice(before);
        assert.equal(renderedPageOf(olympus, hops), undefined, 'no confirmation page');
        assert.equal(await whoamiStatus(olympus, traced.context), 401);
      } finally {
        await traced.close();
      }
    });

    test('"Sign out": a valid form token ends the sessions, a forged one is refused with 403', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        await signIn(olympus, app, clientId, traced, user);
        const { context } = traced;
        const post = (csrf_token: string) => context.request.post(`${olympus.publicUrl}/logout`, { form: { csrf_token }, maxRedirects: 0 });
        const forged = await post('forged');
        assert.equal(forged.status(), 403);
        assert.match(await forged.text(), /role="alert"/);
        const csrfSecret = (await context.cookies(olympus.publicUrl)).find((c) => c.name === CSRF_COOKIE)?.value;
        assert.ok(csrfSecret, 'the browser holds the CSRF cookie');
        const otherSubject = await post(sealFormToken(olympus.server.ctx.sealer, 'logout:someone-else', csrfSecret));
        assert.equal(otherSubject.status(), 403, 'a token for another form is refused');
        assert.equal(await whoamiStatus(olympus, context), 200, 'nothing ended');

        const signedOut = await post(sealFormToken(olympus.server.ctx.sealer, 'signout', csrfSecret));
        assert.equal(signedOut.status(), 303);
        assert.equal(signedOut.headers().location, '/login');
        assert.equal(await whoamiStatus(olympus, context), 401);
        await traced.page.goto(startAuthorization(olympus, app, clientId).url);
        assert.equal(await traced.page.locator('input[name="password"]').count(), 1, 'the next authorization asks for the password again');
      } finally {
        await traced.close();
      }
    });

    test('the logout page without a valid challenge answers the OAuth2 error, never a 500', async () => {
      for (const query of ['', '?logout_challenge=not-sealed']) {
        const res = await fetch(`${olympus.publicUrl}/logout${query}`);
        assert.ok(res.status >= 400 && res.status < 500, `GET /logout${query} → ${res.status}`);
        assert.doesNotMatch(await res.text(), /at .*\.ts:\d+/);
      }
    });
  });

  describe(`Hera OAuth2 step-up with whoami required_aal highest_available (${kind})`, () => {
    let olympus: TestServer;
    let app: App;
    let clientId: string;

    before(async () => {
      [olympus, app] = await Promise.all([
        startTestServer(kind, (c) => ({ ...c, session: { ...c.session, whoamiRequiredAal: 'highest_available' } })),
        startApp(),
      ]);
      ({ client_id: clientId } = await createAppClient(olympus, app));
    });
    after(async () => {
      await new Promise((resolve) => app?.server.close(resolve));
      await olympus?.close();
    });

    test('an identity with TOTP goes through the second factor without acr_values', async () => {
      const user = await registerUser(olympus, true);
      const traced = await newPage(browser);
      try {
        const { url, verifier } = startAuthorization(olympus, app, clientId);
        await traced.page.goto(url);
        await passwordStep(traced, user, app, 'second-factor');
        await totpStep(traced, user, app);
        const { claims } = await idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
        assert.equal(claims.acr, 'aal2');
        assert.ok(Array.isArray(claims.amr) && claims.amr.includes('otp') && claims.amr.includes('mfa'));
      } finally {
        await traced.close();
      }
    });

    test('an identity without a second factor is accepted at aal1: nothing to step up to', async () => {
      const user = await registerUser(olympus, false);
      const traced = await newPage(browser);
      try {
        assert.equal((await signIn(olympus, app, clientId, traced, user)).claims.acr, 'aal1');
      } finally {
        await traced.close();
      }
    });
  });
}
