/**
 * Social sign-in's mapping end to end (docs/operations/social-sign-in.md, "Mapping claims to traits"),
 * on both databases against the loopback provider of support/fake-oidc-provider.ts: CEL traits and
 * metadata stored on the registered identity, an address the provider did not vouch for left
 * unverified, `mapper.when` refusing an account with 4000965, and an expression failing on the claims
 * answered with 4000966 on the flow instead of an error page, and a settings link of an account
 * `mapper.when` refuses left unlinked.
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

for (const kind of ['sqlite', 'postgres'] as const) describe(`social sign-in mapping (${kind})`, () => {
  let olympus: TestServer;
  let provider: FakeProvider;
  const ss = selfService(() => olympus.publicUrl);

  before(async () => {
    provider = await startFakeProvider();
    const mapper = {
      when: 'claims.hd == "example.com"',
      traits: {
        email: { cel: 'claims.email.lowerAscii()' },
        'name.first': { cel: 'claims.given_name + " " + claims.family_name' },
        'name.last': { cel: 'claims.hd == "example.com" ? "Staff" : "Guest"' },
      },
      verifiedAddresses: ['email'],
      metadataPublic: { domain: 'hd', 'org.team': { cel: 'claims.team' } },
      metadataAdmin: { upn: 'upn' },
    };
    olympus = await startTestServer(kind, withOidcProviders([{ id: 'corp', label: 'Corp ID', ...genericFake(provider), mapper }]));
  });
  after(async () => {
    await olympus?.close();
    await provider?.close();
  });

  /** Posts the provider button on a new login flow, comes back from the provider with its next claims. */
  const signIn = async (browser: Browser) => {
    const flow = await ss.browserLoginFlow(browser);
    const sent = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flow.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ provider: 'corp', csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(sent.status, 303, sent.body);
    const back = await backFromProvider(browser, olympus.publicUrl, provider, 'corp', sent.location!);
    return { flowId: flow.id as string, back };
  };

  const whoami = async (browser: Browser) => JSON.parse((await browser.request(`${olympus.publicUrl}/sessions/whoami`, { headers: { accept: 'application/json' } })).body) as Json;
  const loginFlow = async (browser: Browser, id: string) => JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/login/flows?id=${id}`)).body) as Json;

  test('CEL traits and metadata are stored on the new identity; an address the provider did not vouch for stays unverified', async () => {
    const local = freshEmail().split('@')[0];
    provider.nextClaims = {
      sub: `ada-${kind}`, email: `${local.toUpperCase()}@Example.COM`, email_verified: false, given_name: 'Ada', family_name: 'Lovelace',
      hd: 'example.com', team: 'engines', upn: 'ada@corp.example',
    };
    const browser = new Browser();
    const { back } = await signIn(browser);
    assert.equal(back.status, 303, back.body);
    const { identity } = await whoami(browser);
    assert.deepEqual(identity.traits, { email: `${local}@example.com`, name: { first: 'Ada Lovelace', last: 'Staff' } });
    assert.deepEqual(identity.metadata_public, { domain: 'example.com', org: { team: 'engines' } });
    const stored = (await olympus.server.identity.storage.identities.getIdentity(identity.id))!;
    assert.deepEqual(stored.metadata_admin, { upn: 'ada@corp.example' });
    assert.deepEqual(stored.verifiable_addresses.map((a) => [a.value, a.verified]), [[`${local}@example.com`, false]], 'email_verified: false marks nothing verified');
  });

  test('an address the provider vouched for is verified, in the case CEL gave it', async () => {
    const local = freshEmail().split('@')[0];
    provider.nextClaims = { sub: `grace-${kind}`, email: `${local}@EXAMPLE.com`, email_verified: true, given_name: 'Grace', family_name: 'Hopper', hd: 'example.com', team: 'cobol' };
    const browser = new Browser();
    assert.equal((await signIn(browser)).back.status, 303);
    const stored = (await olympus.server.identity.storage.identities.getIdentity((await whoami(browser)).identity.id))!;
    assert.deepEqual(stored.verifiable_addresses.map((a) => [a.value, a.verified]), [[`${local}@example.com`, true]]);
  });

  test('mapper.when refuses an account of another domain with 4000965, on the login flow', async () => {
    provider.nextClaims = { sub: `other-${kind}`, email: freshEmail(), email_verified: true, given_name: 'Eve', family_name: 'X', hd: 'gmail.com', team: 't' };
    const browser = new Browser();
    const { flowId, back } = await signIn(browser);
    assert.equal(back.status, 303, back.body);
    assert.equal(new URL(back.location!).searchParams.get('flow'), flowId, 'back to the login flow, not an error page');
    const flow = await loginFlow(browser, flowId);
    assert.equal(flow.ui.messages[0].id, 4000965);
    assert.match(flow.ui.messages[0].text, /This Corp ID account cannot sign in here/);
    assert.equal((await whoami(browser)).identity, undefined, 'no session');
  });

  test('an expression that fails on the claims (no team claim) is 4000966 on the flow, not a 500', async () => {
    provider.nextClaims = { sub: `noteam-${kind}`, email: freshEmail(), email_verified: true, given_name: 'No', family_name: 'Team', hd: 'example.com' };
    const browser = new Browser();
    const { flowId, back } = await signIn(browser);
    assert.equal(back.status, 303, back.body);
    const flow = await loginFlow(browser, flowId);
    assert.equal(flow.ui.messages[0].id, 4000966);
    assert.doesNotMatch(flow.ui.messages[0].text, /claims\.team/, 'the expression stays in the log');
  });

  test('a settings link of an account mapper.when refuses links nothing: 4000965 on the settings flow', async () => {
    const { email } = await ss.registerNatively();
    const browser = new Browser();
    const login = await ss.browserLoginFlow(browser);
    const signedIn = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${login.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(login) }),
    });
    assert.equal(signedIn.status, 303, signedIn.body);
    const identityId = (await whoami(browser)).identity.id as string;
    const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/settings/browser`, { headers: { accept: 'application/json' } })).body) as Json;
    const sent = await browser.request(`${olympus.publicUrl}/self-service/settings?flow=${flow.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ link: 'corp', csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(sent.status, 303, sent.body);
    provider.nextClaims = { sub: `link-other-${kind}`, email, email_verified: true, given_name: 'Eve', family_name: 'X', hd: 'gmail.com', team: 't' };
    const back = await backFromProvider(browser, olympus.publicUrl, provider, 'corp', sent.location!);
    assert.equal(back.status, 303, back.body);
    const shown = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/settings/flows?id=${flow.id}`)).body) as Json;
    assert.equal(shown.ui.messages[0].id, 4000965);
    assert.notEqual(shown.state, 'success');
    const stored = (await olympus.server.identity.storage.identities.getIdentity(identityId))!;
    assert.equal(stored.credentials.oidc, undefined, 'nothing linked');
  });
});
