/**
 * Social sign-in's provider kinds against loopback stand-ins with the providers' recorded shapes
 * (support/provider-fixtures.ts): GitHub as OAuth2 only (token, /user and /user/emails, the primary
 * address verified only when GitHub says so), Microsoft's per-tenant issuer checked against the ID
 * token's tid, Apple's form_post callback turned into a GET and its first-login-only name, a client
 * secret JWT signed with the team's key, and GitLab found through gitlab.com's discovery. On both databases.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt, decodeProtectedHeader, exportPKCS8, generateKeyPair } from 'jose';
import type { OidcProviderConfig } from '@olympus/config';
import { Browser } from './support/browser.ts';
import { startProviderFixtures, type ProviderFixtures } from './support/provider-fixtures.ts';
import { appleUserField, MS_CONSUMER_TENANT, MS_WORK_TENANT } from './support/recorded-providers.ts';
import { csrfTokenOf, freshEmail } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;

for (const kind of ['sqlite', 'postgres'] as const) describe(`social sign-in provider kinds (${kind})`, () => {
  let olympus: TestServer;
  let fixtures: ProviderFixtures;

  before(async () => {
    fixtures = await startProviderFixtures();
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const common = { clientId: fixtures.clientId, clientSecret: 'fixture-secret' };
    const providers: OidcProviderConfig[] = [
      { id: 'gh', provider: 'github', ...common },
      { id: 'ms', provider: 'microsoft', microsoftTenant: 'common', ...common },
      { id: 'ms-home', provider: 'microsoft', microsoftTenant: MS_CONSUMER_TENANT, ...common },
      { id: 'apple', provider: 'apple', clientId: fixtures.clientId, appleTeamId: 'TEAM123456', applePrivateKeyId: 'KEY1234567', applePrivateKey: await exportPKCS8(privateKey) },
      { id: 'gl', provider: 'gitlab', ...common },
    ];
    olympus = await startTestServer(kind, (c) => ({
      ...c,
      selfservice: { ...c.selfservice, methods: { ...c.selfservice.methods, oidc: { enabled: true, config: { providers } } } },
    }));
    const identity = olympus.server.identity as { providerHttp?: import('@olympus/identity').ProviderHttpPort };
    identity.providerHttp = fixtures.reroute(identity.providerHttp!);
  });
  after(async () => {
    await olympus?.close();
    await fixtures?.close();
  });

  /** A browser login flow with the provider's button pressed: the 303's target. */
  const press = async (browser: Browser, provider: string) => {
    const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/login/browser`, { headers: { accept: 'application/json' } })).body) as Json;
    const sent = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flow.id}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ provider, csrf_token: csrfTokenOf(flow) }),
    });
    assert.equal(sent.status, 303, sent.body);
    const to = new URL(sent.location!);
    fixtures.nonce = to.searchParams.get('nonce') ?? '';
    return { to, state: to.searchParams.get('state')! };
  };

  const callback = (browser: Browser, provider: string, query: Record<string, string>) =>
    browser.request(`${olympus.publicUrl}/self-service/methods/oidc/callback/${provider}?${new URLSearchParams(query)}`);

  const errorOf = async (location: string | null): Promise<Json> => {
    const id = new URL(location!).searchParams.get('id')!;
    return (JSON.parse((await new Browser().get(`${olympus.publicUrl}/self-service/errors?id=${encodeURIComponent(id)}`)).body) as Json).error;
  };

  const identityOf = (identifier: string) => olympus.server.identity.storage.identities.findByCredentialIdentifier('oidc', identifier);

  test('GitHub: OAuth2 only, the user from /user and the primary address from /user/emails, verified as GitHub says', async () => {
    fixtures.githubEmail = { email: freshEmail(), verified: true };
    const browser = new Browser();
    const { to, state } = await press(browser, 'gh');
    assert.equal(`${to.origin}${to.pathname}`, 'https://github.com/login/oauth/authorize');
    assert.equal(to.searchParams.get('scope'), 'read:user user:email', 'no openid scope: GitHub is OAuth2 only');
    const back = await callback(browser, 'gh', { code: 'gh-code', state });
    assert.equal(back.status, 303, back.body);
    assert.ok(browser.jar.has('olympus_session'));
    const user = fixtures.seen.find((s) => s.at === 'GET /api.github.com/user')!;
    assert.equal(user.headers.authorization, 'Bearer gho_16C7e42F292c6912E7710c838347Ae178B4a');
    assert.ok(user.headers['user-agent'], 'GitHub refuses requests without a User-Agent');
    const identity = await identityOf('gh:583231');
    assert.equal(identity?.traits.email, fixtures.githubEmail.email);
    assert.equal(identity?.verifiable_addresses[0].verified, true);
  });

  test('GitHub: an unverified primary address is registered but not marked verified', async () => {
    await olympus.server.identity.storage.identities.deleteIdentity((await identityOf('gh:583231'))!.id);
    fixtures.githubEmail = { email: freshEmail(), verified: false };
    const browser = new Browser();
    const { state } = await press(browser, 'gh');
    assert.equal((await callback(browser, 'gh', { code: 'gh-code-2', state })).status, 303);
    const identity = await identityOf('gh:583231');
    assert.equal(identity?.traits.email, fixtures.githubEmail.email);
    assert.equal(identity?.verifiable_addresses[0].verified, false);
  });

  test('Microsoft: the {tenantid} issuer of the common endpoint is filled with the ID token\'s tid', async () => {
    fixtures.nextClaims = { email: freshEmail() };
    const browser = new Browser();
    const { to, state } = await press(browser, 'ms');
    assert.equal(`${to.origin}${to.pathname}`, 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize');
    assert.equal((await callback(browser, 'ms', { code: 'ms-code', state })).status, 303);
    const identity = await identityOf('ms:AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ');
    assert.equal(identity?.traits.email, fixtures.nextClaims.email);
    assert.equal(identity?.verifiable_addresses[0].verified, false, 'Azure sends no email_verified');
  });

  test('Microsoft: a token whose issuer is not its own tid\'s, or from another tenant than microsoft_tenant, is refused', async () => {
    for (const [provider, claims] of [
      ['ms', { iss: `https://login.microsoftonline.com/${MS_CONSUMER_TENANT}/v2.0`, sub: 'other-1' }],
      ['ms-home', { sub: 'other-2' }],
    ] as const) {
      fixtures.nextClaims = { email: freshEmail(), ...claims };
      const browser = new Browser();
      const { state } = await press(browser, provider);
      const error = await errorOf((await callback(browser, provider, { code: 'ms-code', state })).location);
      assert.equal(error.id, 'oidc_id_token_invalid', provider);
      assert.equal(error.details.check, 'issuer', provider);
      assert.match(error.reason, provider === 'ms' ? new RegExp(MS_CONSUMER_TENANT) : new RegExp(`ID token is from tenant ${MS_WORK_TENANT}`), provider);
      assert.equal(await identityOf(`${provider}:${claims.sub}`), undefined);
    }
    fixtures.nextClaims = {};
  });

  test('Apple: form_post, the POST turned into a GET that carries the cookie, the name from the first login only, a signed client secret', async () => {
    const email = freshEmail();
    fixtures.nextClaims = { email };
    const browser = new Browser();
    const { to, state } = await press(browser, 'apple');
    assert.equal(to.searchParams.get('response_mode'), 'form_post');
    assert.equal(to.searchParams.get('scope'), 'openid email name');
    const posted = await browser.request(`${olympus.publicUrl}/self-service/methods/oidc/callback/apple`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: 'apple-code', state, user: appleUserField(email) }),
    });
    assert.equal(posted.status, 303);
    const asGet = new URL(posted.location!);
    assert.equal(asGet.pathname, '/self-service/methods/oidc/callback/apple');
    assert.equal(asGet.searchParams.get('state'), state);
    assert.ok(browser.jar.has('olympus_oidc_continuity'), 'the POST leaves the continuity cookie alone');
    assert.equal((await browser.request(asGet.href)).status, 303);
    const identity = await identityOf('apple:001234.5c2f1a0e8d3b4a6f9e7d2c1b0a9f8e7d.1234');
    assert.deepEqual(identity?.traits, { email, name: { first: 'Jane', last: 'Appleseed' } });
    const exchange = fixtures.seen.filter((s) => s.at === 'POST /appleid.apple.com/auth/token').at(-1)!;
    const secret = exchange.form.get('client_secret')!;
    assert.deepEqual(decodeProtectedHeader(secret), { alg: 'ES256', kid: 'KEY1234567' });
    const secretClaims = decodeJwt(secret);
    assert.equal(secretClaims.iss, 'TEAM123456');
    assert.equal(secretClaims.sub, fixtures.clientId);
    assert.equal(secretClaims.aud, 'https://appleid.apple.com');

    const again = new Browser();
    const second = await press(again, 'apple');
    assert.equal((await callback(again, 'apple', { code: 'apple-code-2', state: second.state })).status, 303);
    assert.equal((await identityOf('apple:001234.5c2f1a0e8d3b4a6f9e7d2c1b0a9f8e7d.1234'))?.id, identity?.id, 'the same identity, without a user field');
    fixtures.nextClaims = {};
  });

  test('GitLab: a generic provider at https://gitlab.com', async () => {
    const { to } = await press(new Browser(), 'gl');
    assert.equal(`${to.origin}${to.pathname}`, 'https://gitlab.com/oauth/authorize');
    assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
  });
});
