/**
 * Social sign-in started on a registration flow (docs/operations/social-sign-in.md, "Linking" and "What
 * happens at sign-in"): an address that belongs to an existing account leads, as on login, to a login
 * flow that says so (4000027) and keeps the link pending until the account's own password signs in;
 * a new identity's address the provider did not vouch for gets the verification code a password
 * registration gets, one it vouched for gets none. On both databases, against the loopback provider
 * of support/fake-oidc-provider.ts; mail read from the courier's queue (admin API).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Configuration, CourierApi } from '@ory/client-fetch';
import { Browser } from './support/browser.ts';
import { startFakeProvider, type FakeProvider } from './support/fake-oidc-provider.ts';
import { backFromProvider, genericFake, withOidcProviders } from './support/oidc-config.ts';
import { csrfTokenOf, freshEmail, PASSWORD, selfService } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_ACCEPT = { accept: 'application/json' };

for (const kind of ['sqlite', 'postgres'] as const) describe(`social sign-in from a registration flow (${kind})`, () => {
  let olympus: TestServer;
  let provider: FakeProvider;
  let courier: CourierApi;
  const ss = selfService(() => olympus.publicUrl);

  before(async () => {
    provider = await startFakeProvider();
    olympus = await startTestServer(kind, withOidcProviders([{ id: 'fake', label: 'Fake', ...genericFake(provider) }]));
    courier = new CourierApi(new Configuration({ basePath: olympus.adminUrl }));
  });
  after(async () => {
    await olympus?.close();
    await provider?.close();
  });

  const getFlow = async (browser: Browser, flowKind: string, id: string): Promise<Json> =>
    JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/${flowKind}/flows?id=${id}`)).body) as Json;

  /** Presses "Sign up with Fake" on a new registration flow and comes back from the provider. */
  const signUpWithProvider = async (browser: Browser) => {
    const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/registration/browser`, { headers: JSON_ACCEPT })).body) as Json;
    const sent = await browser.request(`${olympus.publicUrl}/self-service/registration?flow=${flow.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ provider: 'fake', csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(sent.status, 303, sent.body);
    const back = await backFromProvider(browser, olympus.publicUrl, provider, 'fake', sent.location!);
    assert.equal(back.status, 303, back.body);
    return { registrationId: flow.id as string, back: new URL(back.location!) };
  };

  /** The courier's messages to `recipient` once `count` are queued (the mail is queued as the callback answers). */
  const mailTo = async (recipient: string, count: number) => {
    for (let i = 0; i < 100; i++) {
      const messages = await courier.listCourierMessages({ recipient });
      if (messages.length >= count) return messages;
      await sleep(20);
    }
    return courier.listCourierMessages({ recipient });
  };

  const oidcOf = async (identityId: string) => (await olympus.server.identity.storage.identities.getIdentity(identityId))?.credentials.oidc;

  test('an existing account\'s address: a login flow with 4000027 and the address filled in; the account\'s password there links the provider', async () => {
    const { email, done } = await ss.registerNatively();
    provider.nextClaims = { sub: `reg-link-${kind}`, email, email_verified: true };
    const browser = new Browser();
    const { registrationId, back } = await signUpWithProvider(browser);
    assert.equal(back.pathname, '/login', 'sent to sign in, as from a login flow');
    const loginId = back.searchParams.get('flow')!;
    assert.notEqual(loginId, registrationId);
    const login = await getFlow(browser, 'login', loginId);
    assert.equal(login.ui.messages[0].id, 4000027);
    assert.equal(login.ui.nodes.find((n: Json) => n.attributes.name === 'identifier').attributes.value, email);
    assert.ok(!browser.jar.has('olympus_session'), 'nobody is signed in yet');
    assert.equal(await oidcOf(done.identity!.id), undefined, 'nothing linked before the user signs in');

    const signedIn = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${loginId}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(login) }),
    });
    assert.equal(signedIn.status, 303, signedIn.body);
    assert.deepEqual((await oidcOf(done.identity!.id))?.identifiers, [`fake:reg-link-${kind}`]);
  });

  test('the login flow of a pending link belongs to the browser that started it', async () => {
    const { email, done } = await ss.registerNatively();
    provider.nextClaims = { sub: `reg-link-other-${kind}`, email, email_verified: false };
    const { back } = await signUpWithProvider(new Browser());
    const stranger = new Browser();
    const flow = await ss.browserLoginFlow(stranger);
    const login = await stranger.request(`${olympus.publicUrl}/self-service/login?flow=${back.searchParams.get('flow')}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(login.status, 303);
    assert.ok(!stranger.jar.has('olympus_session'), 'refused: the flow is bound to the first browser\'s CSRF cookie');
    assert.equal(await oidcOf(done.identity!.id), undefined, 'another browser cannot complete the link');
  });

  test('a new identity: an address the provider did not vouch for gets the verification code, a vouched one none', async () => {
    const unvouched = freshEmail();
    provider.nextClaims = { sub: `reg-unverified-${kind}`, email: unvouched, email_verified: false };
    const first = new Browser();
    assert.notEqual((await signUpWithProvider(first)).back.pathname, '/login');
    const sent = await mailTo(unvouched, 1);
    assert.deepEqual(sent.map((m) => m.template_type), ['verification_code_valid']);
    const whoami = JSON.parse((await first.request(`${olympus.publicUrl}/sessions/whoami`, { headers: JSON_ACCEPT })).body) as Json;
    assert.equal(whoami.identity.verifiable_addresses[0].status, 'sent');
    assert.equal(whoami.identity.verifiable_addresses[0].verified, false);

    const vouched = freshEmail();
    provider.nextClaims = { sub: `reg-verified-${kind}`, email: vouched, email_verified: true };
    const second = new Browser();
    await signUpWithProvider(second);
    const signedUp = JSON.parse((await second.request(`${olympus.publicUrl}/sessions/whoami`, { headers: JSON_ACCEPT })).body) as Json;
    assert.equal(signedUp.identity.verifiable_addresses[0].verified, true);
    await sleep(200);
    assert.deepEqual(await courier.listCourierMessages({ recipient: vouched }), [], 'a vouched address gets no mail');
  });
});
