/**
 * Social sign-in in settings and traits the schema refuses (docs/operations/social-sign-in.md, "Linking
 * in settings" and "Traits the schema refuses"): the settings flow's `link` button starts the round trip
 * and its callback links `<provider>:<subject>` (refused when another identity holds it), `unlink`
 * removes it but never the last way in, and mapped traits that fail the schema land on a prefilled
 * registration form whose submission registers the identity with the provider linked. On both
 * databases, against the loopback provider of support/fake-oidc-provider.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from './support/browser.ts';
import { startFakeProvider, type FakeProvider } from './support/fake-oidc-provider.ts';
import { backFromProvider, genericFake, withOidcProviders } from './support/oidc-config.ts';
import { csrfTokenOf, freshEmail, PASSWORD, selfService } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { oidcMessages } from '../packages/identity/src/strategies/oidc/messages.ts';
import { OIDC_MESSAGES_DE } from '../apps/hera/src/i18n/de/oidc.ts';

type Json = Record<string, any>;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_ACCEPT = { accept: 'application/json' };

for (const kind of ['sqlite', 'postgres'] as const) describe(`social sign-in in settings (${kind})`, () => {
  let olympus: TestServer;
  let provider: FakeProvider;
  const ss = selfService(() => olympus.publicUrl);

  before(async () => {
    provider = await startFakeProvider();
    const common = genericFake(provider);
    olympus = await startTestServer(kind, withOidcProviders([{ id: 'fake', label: 'Fake', ...common }, { id: 'strict', label: 'Strict', mapper: { traits: { email: 'mail' } }, ...common }]));
  });
  after(async () => {
    await olympus?.close();
    await provider?.close();
  });

  const oidcOf = async (identityId: string) => (await olympus.server.identity.storage.identities.getIdentity(identityId))?.credentials.oidc;
  const whoami = async (browser: Browser) => JSON.parse((await browser.request(`${olympus.publicUrl}/sessions/whoami`, { headers: JSON_ACCEPT })).body) as Json;

  /** Comes back from the provider for the authorization request in `location`. */
  const callback = (browser: Browser, id: string, location: string) => backFromProvider(browser, olympus.publicUrl, provider, id, location);

  const signInWith = async (browser: Browser, id: string) => {
    const flow = await ss.browserLoginFlow(browser);
    const sent = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flow.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ provider: id, csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(sent.status, 303, sent.body);
    return callback(browser, id, sent.location!);
  };

  /** A password account signed in in a fresh browser. */
  const passwordAccount = async () => {
    const { email, done } = await ss.registerNatively();
    const browser = new Browser();
    const flow = await ss.browserLoginFlow(browser);
    const login = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flow.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(login.status, 303, login.body);
    return { browser, identityId: done.identity!.id, email };
  };

  const settingsFlow = async (browser: Browser): Promise<Json> => {
    const created = await browser.request(`${olympus.publicUrl}/self-service/settings/browser`, { headers: JSON_ACCEPT });
    assert.equal(created.status, 200, created.body);
    return JSON.parse(created.body) as Json;
  };
  const getSettings = async (browser: Browser, id: string): Promise<Json> =>
    JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/settings/flows?id=${id}`)).body) as Json;
  const submitSettings = (browser: Browser, flow: Json, fields: Record<string, string>, json = false) =>
    browser.request(`${olympus.publicUrl}/self-service/settings?flow=${flow.id}`, json
      ? { method: 'POST', headers: { ...JSON_ACCEPT, 'content-type': 'application/json' }, body: JSON.stringify({ ...fields, csrf_token: csrfTokenOf(flow) }) }
      : { method: 'POST', headers: FORM, body: new URLSearchParams({ ...fields, csrf_token: csrfTokenOf(flow) }) });
  const oidcNodes = (flow: Json) => flow.ui.nodes.filter((n: Json) => n.group === 'oidc').map((n: Json) => [n.attributes.name, n.attributes.value, n.meta.label.id]);

  test('link in settings: the round trip bound to the flow links the provider, which then signs the account in; unlink removes it', async () => {
    const { browser, identityId } = await passwordAccount();
    const flow = await settingsFlow(browser);
    assert.deepEqual(oidcNodes(flow), [['link', 'fake', 1050002], ['link', 'strict', 1050002]]);

    const spa = await submitSettings(browser, flow, { link: 'fake' }, true);
    assert.equal(spa.status, 422, spa.body);
    assert.equal(JSON.parse(spa.body).error.id, 'browser_location_change_required');

    const sent = await submitSettings(browser, flow, { link: 'fake' });
    assert.equal(sent.status, 303, sent.body);
    assert.equal(new URL(sent.location!).origin, provider.issuer);
    assert.ok(browser.jar.has('olympus_oidc_continuity'));
    provider.nextClaims = { sub: `settings-${kind}`, email: freshEmail(), email_verified: true };
    const back = await callback(browser, 'fake', sent.location!);
    assert.equal(back.status, 303, back.body);
    assert.equal(new URL(back.location!).searchParams.get('flow'), flow.id, 'back to the same settings flow');
    const done = await getSettings(browser, flow.id);
    assert.equal(done.state, 'success');
    assert.deepEqual(oidcNodes(done)[0], ['unlink', 'fake', 1050003]);
    assert.deepEqual((await oidcOf(identityId))?.identifiers, [`fake:settings-${kind}`]);

    const later = new Browser();
    assert.equal((await signInWith(later, 'fake')).status, 303);
    assert.equal((await whoami(later)).identity.id, identityId, 'the linked provider signs the account in');

    const again = await settingsFlow(browser);
    const unlinked = await submitSettings(browser, again, { unlink: 'fake' });
    assert.equal(unlinked.status, 303, unlinked.body);
    assert.equal((await getSettings(browser, again.id)).state, 'success');
    assert.equal(await oidcOf(identityId), undefined);
  });

  test('a provider account another identity holds is not linked', async () => {
    provider.nextClaims = { sub: `taken-${kind}`, email: freshEmail(), email_verified: true };
    assert.equal((await signInWith(new Browser(), 'fake')).status, 303, 'registers the holder');
    const { browser, identityId } = await passwordAccount();
    const flow = await settingsFlow(browser);
    const sent = await submitSettings(browser, flow, { link: 'fake' });
    provider.nextClaims = { sub: `taken-${kind}`, email: freshEmail(), email_verified: true };
    const back = await callback(browser, 'fake', sent.location!);
    assert.equal(new URL(back.location!).searchParams.get('flow'), flow.id);
    const refused = await getSettings(browser, flow.id);
    assert.equal(refused.ui.messages[0].id, 4000960);
    assert.equal(await oidcOf(identityId), undefined);
  });

  test('unlinking the last way in is refused with 4000953', async () => {
    const browser = new Browser();
    provider.nextClaims = { sub: `only-${kind}`, email: freshEmail(), email_verified: true };
    assert.equal((await signInWith(browser, 'fake')).status, 303);
    const identityId = (await whoami(browser)).identity.id as string;
    const flow = await settingsFlow(browser);
    const refused = await submitSettings(browser, flow, { unlink: 'fake' }, true);
    assert.equal(refused.status, 400, refused.body);
    assert.equal(JSON.parse(refused.body).ui.messages[0].id, 4000953);
    assert.deepEqual((await oidcOf(identityId))?.identifiers, [`fake:only-${kind}`]);
  });

  test('mapped traits the schema refuses: the registration form prefilled, and its submission registers with the provider linked', async () => {
    const browser = new Browser();
    provider.nextClaims = { sub: `strict-${kind}`, mail: 'not-an-address', email_verified: true };
    const back = await signInWith(browser, 'strict');
    assert.equal(back.status, 303, back.body);
    const to = new URL(back.location!);
    assert.equal(to.pathname, '/registration', 'the registration form, not the provider again');
    const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/registration/flows?id=${to.searchParams.get('flow')}`)).body) as Json;
    assert.equal(flow.ui.messages[0].id, 4000964);
    const email = flow.ui.nodes.find((n: Json) => n.attributes.name === 'traits.email');
    assert.equal(email.attributes.value, 'not-an-address', 'prefilled with the mapped trait');
    assert.ok(email.messages.length > 0, 'the problem is on its field');
    const button = flow.ui.nodes.find((n: Json) => n.group === 'oidc');
    assert.deepEqual([button.attributes.name, button.attributes.value, button.meta.label.id], ['provider', 'strict', 1040003]);
    assert.ok(!browser.jar.has('olympus_session'));

    const address = freshEmail();
    const done = await browser.request(`${olympus.publicUrl}/self-service/registration?flow=${flow.id}`, {
      method: 'POST', headers: FORM, body: new URLSearchParams({ provider: 'strict', 'traits.email': address, csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(done.status, 303, done.body);
    const session = await whoami(browser);
    assert.equal(session.identity.traits.email, address);
    assert.equal(session.authentication_methods[0].method, 'oidc');
    assert.deepEqual((await oidcOf(session.identity.id))?.identifiers, [`strict:strict-${kind}`]);

    const later = new Browser();
    assert.equal((await signInWith(later, 'strict')).status, 303);
    assert.equal((await whoami(later)).identity.id, session.identity.id, 'the provider signs the new account in');
  });
});

test('every social sign-in settings message has a German text whose placeholders are in its context', () => {
  const sent = Object.values(oidcMessages).map((factory) => factory('Corp ID'));
  assert.deepEqual(sent.map((m) => String(m.id)).sort(), Object.keys(OIDC_MESSAGES_DE).sort());
  for (const message of sent) {
    for (const [, name] of OIDC_MESSAGES_DE[String(message.id)].matchAll(/\{(\w+)\}/g)) assert.ok(name in (message.context ?? {}), `${message.id}: {${name}}`);
  }
});

test('a mapper path the identity schema does not have stops the start, listing the traits it has', async () => {
  const provider = { id: 'corp', provider: 'generic' as const, clientId: 'c', clientSecret: 's', issuerUrl: 'http://127.0.0.1:9', mapper: { traits: { email: 'email', 'name.frist': 'given_name' } } };
  await assert.rejects(
    startTestServer('sqlite', (c) => ({ ...c, selfservice: { ...c.selfservice, methods: { ...c.selfservice.methods, oidc: { enabled: true, config: { providers: [provider] } } } } })),
    (err: Error) => {
      assert.equal(err.name, 'ConfigError');
      assert.match(err.message, /providers\[0\]\.mapper\.traits maps "name\.frist", which the identity schema "default" does not have/);
      assert.match(err.message, /email, name\.first, name\.last/);
      return true;
    },
  );
});
