/**
 * Linking a provider to an existing account (docs/operations/social-sign-in.md, "Linking"): an address
 * that belongs to an account is never linked silently — the login flow says so (4000027) and keeps the
 * link pending, and the user's sign-in with the account's password on that flow completes it; with
 * `account_linking_mode: automatic` a provider-verified address links at once, an unverified one does
 * not. On both databases, against the loopback provider of support/fake-oidc-provider.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Configuration, FrontendApi } from '@ory/client-fetch';
import { Browser } from './support/browser.ts';
import { startFakeProvider, type FakeProvider } from './support/fake-oidc-provider.ts';
import { backFromProvider, genericFake, withOidcProviders } from './support/oidc-config.ts';
import { csrfTokenOf, freshEmail, PASSWORD } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;

for (const kind of ['sqlite', 'postgres'] as const) describe(`social sign-in linking (${kind})`, () => {
  let olympus: TestServer;
  let provider: FakeProvider;

  before(async () => {
    provider = await startFakeProvider();
    const common = genericFake(provider);
    olympus = await startTestServer(kind, withOidcProviders([{ id: 'fake', label: 'Fake', ...common }, { id: 'auto', label: 'Auto', accountLinkingMode: 'automatic', ...common }]));
  });
  after(async () => {
    await olympus?.close();
    await provider?.close();
  });

  const register = async (email: string) => {
    const api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
    const flow = await api.createNativeRegistrationFlow();
    return (await api.updateRegistrationFlow({ flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD } })).identity!;
  };

  /** Presses the provider's button on a new login flow and comes back from the provider. */
  const signInWith = async (browser: Browser, id: string) => {
    const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/login/browser`, { headers: { accept: 'application/json' } })).body) as Json;
    const sent = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flow.id}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ provider: id, csrf_token: csrfTokenOf(flow) }),
    });
    const back = await backFromProvider(browser, olympus.publicUrl, provider, id, sent.location!);
    return { flowId: flow.id as string, back };
  };

  const oidcOf = async (identityId: string) => (await olympus.server.identity.storage.identities.getIdentity(identityId))?.credentials.oidc;

  test('an existing account\'s address: 4000027 on the login flow, then the account\'s own password on that flow links the provider', async () => {
    const email = freshEmail();
    const existing = await register(email);
    provider.nextClaims = { sub: `linker-${kind}`, email, email_verified: false };
    const browser = new Browser();
    const { flowId, back } = await signInWith(browser, 'fake');
    assert.equal(new URL(back.location!).searchParams.get('flow'), flowId, 'back to the same login flow');
    const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/login/flows?id=${flowId}`)).body) as Json;
    assert.equal(flow.ui.messages[0].id, 4000027);
    assert.match(flow.ui.messages[0].text, /then linked/);
    assert.ok(!browser.jar.has('olympus_session'), 'nobody is signed in yet');
    assert.equal(await oidcOf(existing.id), undefined, 'nothing linked before the user signs in');

    const login = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flowId}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(login.status, 303, login.body);
    assert.deepEqual((await oidcOf(existing.id))?.identifiers, [`fake:linker-${kind}`]);

    const later = new Browser();
    const again = await signInWith(later, 'fake');
    assert.equal(again.back.status, 303);
    const whoami = JSON.parse((await later.request(`${olympus.publicUrl}/sessions/whoami`, { headers: { accept: 'application/json' } })).body) as Json;
    assert.equal(whoami.identity.id, existing.id, 'the provider now signs the existing account in');
  });

  test('account_linking_mode automatic links a provider-verified address at once, and never an unverified one', async () => {
    const email = freshEmail();
    const existing = await register(email);
    provider.nextClaims = { sub: `auto-unverified-${kind}`, email, email_verified: false };
    const refused = await signInWith(new Browser(), 'auto');
    assert.equal(new URL(refused.back.location!).pathname, '/login');
    assert.equal(await oidcOf(existing.id), undefined, 'an unverified address is not linked automatically');

    provider.nextClaims = { sub: `auto-verified-${kind}`, email, email_verified: true };
    const browser = new Browser();
    const { back } = await signInWith(browser, 'auto');
    assert.equal(back.status, 303);
    assert.ok(browser.jar.has('olympus_session'));
    assert.deepEqual((await oidcOf(existing.id))?.identifiers, [`auto:auto-verified-${kind}`]);
  });
});
