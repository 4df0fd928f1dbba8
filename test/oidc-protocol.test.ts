/**
 * Social sign-in's protocol checks (docs/security.md ID-21, ID-22) against a small loopback provider
 * (support/fake-oidc-provider.ts), hop by hop without a browser: a provider button's form post is a 303
 * to the provider with state, nonce and PKCE and sets the continuity cookie; the callback refuses a
 * mismatched state, a missing cookie, an ID token for another audience or with another nonce; a
 * provider's access_denied returns to the login form; an address of an existing account is not linked;
 * an API flow gets Kratos' 422 browser_location_change_required through @ory/client-fetch. On both databases.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch';
import { Browser } from './support/browser.ts';
import { startFakeProvider, type FakeProvider } from './support/fake-oidc-provider.ts';
import { genericFake, withOidcProviders } from './support/oidc-config.ts';
import { csrfTokenOf, freshEmail, PASSWORD } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;

for (const kind of ['sqlite', 'postgres'] as const) describe(`social sign-in protocol (${kind})`, () => {
  let olympus: TestServer;
  let provider: FakeProvider;

  before(async () => {
    provider = await startFakeProvider();
    olympus = await startTestServer(kind, withOidcProviders([{ id: 'fake', label: 'Fake', ...genericFake(provider) }]));
  });
  after(async () => {
    await olympus?.close();
    await provider?.close();
  });

  /** A browser login flow, its provider button pressed: the 303 to the provider and its query. */
  const pressProviderButton = async (browser: Browser) => {
    const created = await browser.request(`${olympus.publicUrl}/self-service/login/browser`, { headers: { accept: 'application/json' } });
    const flow = JSON.parse(created.body) as Json;
    const button = flow.ui.nodes.find((n: Json) => n.group === 'oidc');
    assert.deepEqual(button.attributes, { name: 'provider', type: 'submit', value: 'fake', disabled: false, node_type: 'input' });
    assert.equal(button.meta.label.id, 1010002);
    const sent = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flow.id}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ provider: 'fake', csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(sent.status, 303, sent.body);
    const to = new URL(sent.location!);
    provider.rememberNonce(to.searchParams.get('nonce')!);
    return { flow, to, state: to.searchParams.get('state')! };
  };

  const callback = (browser: Browser, query: Record<string, string>) =>
    browser.request(`${olympus.publicUrl}/self-service/methods/oidc/callback/fake?${new URLSearchParams(query)}`);

  /** The error a browser was sent to the error UI with. */
  const errorOf = async (location: string | null): Promise<Json> => {
    const id = new URL(location!).searchParams.get('id')!;
    return (JSON.parse((await new Browser().get(`${olympus.publicUrl}/self-service/errors?id=${encodeURIComponent(id)}`)).body) as Json).error;
  };

  const flowMessages = async (browser: Browser, location: string | null): Promise<Json[]> => {
    const flowId = new URL(location!).searchParams.get('flow')!;
    const got = await browser.request(`${olympus.publicUrl}/self-service/login/flows?id=${flowId}`);
    return (JSON.parse(got.body) as Json).ui.messages ?? [];
  };

  test('the button sends the browser to the provider with state, nonce and S256, and the callback signs a new identity in', async () => {
    provider.nextClaims = { sub: `new-${kind}`, email: freshEmail(), email_verified: true };
    const browser = new Browser();
    const { to, state } = await pressProviderButton(browser);
    assert.equal(`${to.origin}${to.pathname}`, `${provider.issuer}/auth`);
    assert.equal(to.searchParams.get('redirect_uri'), `${olympus.publicUrl}/self-service/methods/oidc/callback/fake`);
    assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(to.searchParams.get('scope'), 'openid email profile');
    assert.ok(browser.jar.has('olympus_oidc_continuity'), 'the continuity cookie is set');
    const back = await callback(browser, { code: 'c1', state });
    assert.equal(back.status, 303, back.body);
    assert.ok(browser.jar.has('olympus_session'), 'a session cookie');
    assert.ok(!browser.jar.has('olympus_oidc_continuity'), 'the continuity cookie is used once');
    const exchange = provider.tokenRequests.at(-1)!;
    assert.match(exchange.authorization ?? '', /^Basic /);
    assert.ok(exchange.form.get('code_verifier'), 'the PKCE verifier was sent');
    const identity = await olympus.server.identity.storage.identities.findByCredentialIdentifier('oidc', `fake:new-${kind}`);
    assert.equal(identity?.traits.email, provider.nextClaims.email);
    assert.equal(identity?.verifiable_addresses[0].verified, true, 'email_verified: true marks the address verified');
  });

  test('a state that is not this browser\'s is refused with oidc_continuity_violation (state_mismatch)', async () => {
    const browser = new Browser();
    await pressProviderButton(browser);
    const back = await callback(browser, { code: 'c2', state: 'forged' });
    const error = await errorOf(back.location);
    assert.equal(error.id, 'oidc_continuity_violation');
    assert.equal(error.details.reject_reason, 'state_mismatch');
  });

  test('a callback without the continuity cookie names the cookie and the likely cause', async () => {
    const browser = new Browser();
    const { state } = await pressProviderButton(browser);
    browser.jar.delete('olympus_oidc_continuity');
    const error = await errorOf((await callback(browser, { code: 'c3', state })).location);
    assert.equal(error.id, 'oidc_continuity_violation');
    assert.equal(error.details.reject_reason, 'cookie_missing');
    assert.match(error.reason, /olympus_oidc_continuity/);
    assert.match(error.reason, /localhost and 127\.0\.0\.1/);
  });

  test('the provider answering access_denied returns to the login form with a message', async () => {
    const browser = new Browser();
    const { state } = await pressProviderButton(browser);
    const back = await callback(browser, { error: 'access_denied', error_description: 'The user said no', state });
    assert.equal(new URL(back.location!).pathname, '/login');
    const [message] = await flowMessages(browser, back.location);
    assert.equal(message.id, 4000001);
    assert.match(message.text, /Fake did not sign you in \(access_denied: The user said no\)/);
  });

  test('an ID token for another audience and one with another nonce are refused with oidc_id_token_invalid', async () => {
    for (const [claims, check] of [[{ aud: 'another-app' }, 'audience'], [{ nonce: 'another-nonce' }, 'nonce']] as const) {
      provider.nextClaims = { sub: 'someone', email: freshEmail(), ...claims };
      const browser = new Browser();
      const { state } = await pressProviderButton(browser);
      const error = await errorOf((await callback(browser, { code: 'c4', state })).location);
      assert.equal(error.id, 'oidc_id_token_invalid', check);
      assert.equal(error.details.check, check);
    }
    assert.equal(await olympus.server.identity.storage.identities.findByCredentialIdentifier('oidc', 'fake:someone'), undefined);
  });

  test('an address of an existing account is not linked: the user is told to sign in the way they did before (4000027)', async () => {
    const email = freshEmail();
    const api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
    const registration = await api.createNativeRegistrationFlow();
    const existing = await api.updateRegistrationFlow({ flow: registration.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD } });
    for (const verified of [false, true]) {
      provider.nextClaims = { sub: `taker-${verified}`, email, email_verified: verified };
      const browser = new Browser();
      const { state } = await pressProviderButton(browser);
      const back = await callback(browser, { code: 'c5', state });
      const [message] = await flowMessages(browser, back.location);
      assert.equal(message.id, 4000027, `email_verified: ${verified}`);
      assert.ok(!browser.jar.has('olympus_session'), 'nobody is signed in');
      assert.equal(await olympus.server.identity.storage.identities.findByCredentialIdentifier('oidc', `fake:taker-${verified}`), undefined);
    }
    const stored = await olympus.server.identity.storage.identities.getIdentity(existing.identity!.id);
    assert.equal(stored?.credentials.oidc, undefined, 'the existing account got no oidc credential');
  });

  test('an API flow gets 422 browser_location_change_required with redirect_browser_to (@ory/client-fetch)', async () => {
    const api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
    const flow = await api.createNativeLoginFlow();
    const refused = await api.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'oidc', provider: 'fake' } }).then(
      () => assert.fail('expected 422'),
      (err: unknown) => err as ResponseError,
    );
    assert.ok(refused instanceof ResponseError);
    assert.equal(refused.response.status, 422);
    const body = (await refused.response.json()) as Json;
    assert.equal(body.error.id, 'browser_location_change_required');
    assert.ok(String(body.redirect_browser_to).startsWith(`${provider.issuer}/auth?`), body.redirect_browser_to);
  });
});
