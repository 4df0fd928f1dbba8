/**
 * What Hera's OAuth2 Chromium suites share: a relying party with a callback and a post-logout page,
 * users (optionally with TOTP), clients, the authorization and logout URLs, the sign-in steps.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { Configuration, FrontendApi, type UiNodeTextAttributes } from '@ory/client-fetch';
import { Secret, TOTP } from 'otpauth';
import type { BrowserContext } from 'playwright-core';
import type { TracedPage } from './chromium.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './flow.ts';
import { startCallbackApp } from './callback-app.ts';
import type { TestServer } from './server.ts';

export const PASSWORD = 'a perfectly long passphrase 7';

export interface App {
  url: string;
  callback: string;
  loggedOut: string;
  close(): Promise<void>;
}

/** The relying party: a callback and a post-logout page, each a small HTML page. */
export const startApp = async (): Promise<App> => {
  const app = await startCallbackApp();
  return { url: app.origin, callback: app.callbackUrl, loggedOut: app.loggedOutUrl, close: app.close };
};

export interface User {
  email: string;
  identityId: string;
  totp?: TOTP;
}

/** A fresh identity registered through the native API; with `totp`, TOTP is set up in settings. */
export const registerUser = async (olympus: TestServer, withTotp: boolean): Promise<User> => {
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
export const nextCode = (totp: TOTP): string => totp.generate({ timestamp: Date.now() + 30_000 });

export const createAppClient = (olympus: TestServer, app: App, extra: Record<string, unknown> = {}) =>
  createClient(olympus.adminUrl, {
    client_name: 'Step-up app', token_endpoint_auth_method: 'none', redirect_uris: [app.callback],
    post_logout_redirect_uris: [app.loggedOut], scope: 'openid email', skip_consent: true,
    grant_types: ['authorization_code'], response_types: ['code'], ...extra,
  });

export const startAuthorization = (olympus: TestServer, app: App, clientId: string, extra: Record<string, string> = {}) => {
  const pkce = pkcePair();
  const url = authorizeUrl(olympus.publicUrl, {
    client_id: clientId, response_type: 'code', redirect_uri: app.callback, scope: 'openid email', state: `s-${randomUUID()}`,
    code_challenge: pkce.challenge, code_challenge_method: 'S256', ...extra,
  });
  return { url, verifier: pkce.verifier };
};

/** The callback's code exchanged; returns the ID token's claims. */
export const idTokenOf = async (olympus: TestServer, app: App, clientId: string, callback: string, verifier: string) => {
  const code = new URL(callback).searchParams.get('code');
  assert.ok(code, `the callback carries a code: ${callback}`);
  const token = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: app.callback, client_id: clientId, code_verifier: verifier });
  assert.equal(token.status, 200, JSON.stringify(token.body));
  return { idToken: token.body.id_token!, claims: decodeJwt(token.body.id_token!) };
};

export const atCallback = (app: App) => (u: URL) => u.toString().startsWith(app.callback);

/** Fills and submits the password form of Hera's /login page; `to`: the app, or the second-factor page. */
export const passwordStep = async (traced: TracedPage, user: User, app: App, to: 'app' | 'second-factor' = 'app') => {
  const { page } = traced;
  const shown = new URL(page.url());
  assert.equal(shown.pathname, '/login', `the login form is shown, got ${page.url()}`);
  const secondFactorPage = (u: URL) => u.pathname === '/login' && u.searchParams.has('flow') && u.searchParams.get('flow') !== shown.searchParams.get('flow');
  if (await page.locator('input[name="identifier"]').isEditable()) await page.locator('input[name="identifier"]').fill(user.email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await Promise.all([page.waitForURL(to === 'app' ? atCallback(app) : secondFactorPage), page.locator('button[name="method"][value="password"]').click()]);
};

/** Asserts the second-factor page and completes it with the authenticator's code. */
export const totpStep = async (traced: TracedPage, user: User, app: App) => {
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
export const signIn = async (olympus: TestServer, app: App, clientId: string, traced: TracedPage, user: User) => {
  const { url, verifier } = startAuthorization(olympus, app, clientId);
  await traced.page.goto(url);
  await passwordStep(traced, user, app);
  return idTokenOf(olympus, app, clientId, traced.page.url(), verifier);
};

export const whoamiStatus = async (olympus: TestServer, context: BrowserContext): Promise<number> =>
  (await context.request.get(`${olympus.publicUrl}/sessions/whoami`, { maxRedirects: 0 })).status();

export const logoutUrl = (olympus: TestServer, app: App, idToken: string, state: string): string => {
  const url = new URL(`${olympus.publicUrl}/oauth2/sessions/logout`);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', app.loggedOut);
  url.searchParams.set('state', state);
  return url.toString();
};

/** True when some response from Olympus' public origin in `hops` was a rendered page (200). */
export const renderedPageOf = (olympus: TestServer, hops: TracedPage['network']) =>
  hops.find((hop) => hop.status === 200 && new URL(hop.url).origin === olympus.publicUrl);
