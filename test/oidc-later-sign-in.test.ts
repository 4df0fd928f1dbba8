/**
 * What a later round trip to the provider may change (docs/operations/social-sign-in.md):
 * `update_identity_on_login: automatic` maps the claims again at each sign-in and updates the traits
 * (checked by the schema; a new address verified only when the provider vouches for it), `never` (the
 * default) leaves them; a settings link whose session aged past privileged_session_max_age during
 * the round trip is sent to re-authenticate and links nothing. On both databases, against the loopback
 * provider of support/fake-oidc-provider.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from './support/browser.ts';
import { startFakeProvider, type FakeProvider } from './support/fake-oidc-provider.ts';
import { backFromProvider, genericFake, withOidcProviders } from './support/oidc-config.ts';
import { csrfTokenOf, freshEmail, PASSWORD, selfService } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_ACCEPT = { accept: 'application/json' };

for (const kind of ['sqlite', 'postgres'] as const) describe(`later round trips to the provider (${kind})`, () => {
  let olympus: TestServer;
  let provider: FakeProvider;
  const ss = selfService(() => olympus.publicUrl);

  before(async () => {
    provider = await startFakeProvider();
    const common = genericFake(provider);
    olympus = await startTestServer(kind, withOidcProviders([{ id: 'fake', label: 'Fake', ...common }, { id: 'sync', label: 'Sync', updateIdentityOnLogin: 'automatic', ...common }]));
  });
  after(async () => {
    await olympus?.close();
    await provider?.close();
  });

  const callback = (browser: Browser, id: string, location: string) => backFromProvider(browser, olympus.publicUrl, provider, id, location);

  const signInWith = async (id: string, claims: Json): Promise<Json> => {
    provider.nextClaims = claims;
    const browser = new Browser();
    const flow = await ss.browserLoginFlow(browser);
    const sent = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flow.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ provider: id, csrf_token: csrfTokenOf(flow) }),
    });
    const back = await callback(browser, id, sent.location!);
    assert.equal(back.status, 303, back.body);
    return JSON.parse((await browser.request(`${olympus.publicUrl}/sessions/whoami`, { headers: JSON_ACCEPT })).body) as Json;
  };

  test('automatic: a later sign-in updates the traits; a new address is verified only when vouched for; traits the schema refuses change nothing', async () => {
    const sub = `sync-${kind}`;
    const first = await signInWith('sync', { sub, email: freshEmail(), email_verified: true, given_name: 'Ada' });
    const identityId = first.identity.id as string;

    const renamed = freshEmail();
    const second = await signInWith('sync', { sub, email: renamed, email_verified: false, given_name: 'Ada', family_name: 'Lovelace' });
    assert.equal(second.identity.id, identityId, 'the same identity');
    assert.deepEqual(second.identity.traits, { email: renamed, name: { first: 'Ada', last: 'Lovelace' } });
    assert.deepEqual(second.identity.verifiable_addresses.map((a: Json) => [a.value, a.verified]), [[renamed, false]], 'not vouched for: not verified');

    const vouched = freshEmail();
    const third = await signInWith('sync', { sub, email: vouched, email_verified: true, given_name: 'Ada' });
    assert.deepEqual(third.identity.verifiable_addresses.map((a: Json) => [a.value, a.verified]), [[vouched, true]]);

    const refused = await signInWith('sync', { sub, email: 'not-an-address', email_verified: true });
    assert.equal(refused.identity.id, identityId, 'the sign-in goes on');
    assert.equal(refused.identity.traits.email, vouched, 'traits the schema refuses are not stored');
  });

  test('never (the default): a later sign-in leaves the traits as they are', async () => {
    const sub = `never-${kind}`;
    const email = freshEmail();
    await signInWith('fake', { sub, email, email_verified: true });
    const later = await signInWith('fake', { sub, email: freshEmail(), email_verified: true, given_name: 'Grace' });
    assert.deepEqual(later.identity.traits, { email });
  });

  test('a settings link whose session aged during the round trip: re-authenticate, nothing linked', async () => {
    const { email, done } = await ss.registerNatively();
    const browser = new Browser();
    const login = await ss.browserLoginFlow(browser);
    await browser.request(`${olympus.publicUrl}/self-service/login?flow=${login.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(login) }),
    });
    const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/settings/browser`, { headers: JSON_ACCEPT })).body) as Json;
    const sent = await browser.request(`${olympus.publicUrl}/self-service/settings?flow=${flow.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ link: 'fake', csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(sent.status, 303, 'a fresh session may start the link');

    // The user lingers at the provider longer than privileged_session_max_age.
    const sessions = olympus.server.identity.storage.sessions;
    const [session] = await sessions.listSessionsOfIdentity(done.identity!.id, { activeOnly: true, limit: 5 });
    const aged = new Date(Date.now() - olympus.config.selfservice.flows.settings.privilegedSessionMaxAge - 60_000).toISOString();
    await sessions.updateSession({ ...session!, authenticated_at: aged });

    provider.nextClaims = { sub: `aged-${kind}`, email: freshEmail(), email_verified: true };
    const back = await callback(browser, 'fake', sent.location!);
    assert.equal(back.status, 303, back.body);
    const to = new URL(back.location!);
    assert.equal(to.pathname, '/self-service/login/browser', 'the start\'s answer: sign in again');
    assert.equal(to.searchParams.get('refresh'), 'true');
    assert.equal((await olympus.server.identity.storage.identities.getIdentity(done.identity!.id))?.credentials.oidc, undefined, 'nothing linked');
  });
});
