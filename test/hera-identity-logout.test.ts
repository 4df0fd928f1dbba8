/**
 * A remembered OAuth2 login (`skip`) never outlives the account's access: signing out through the
 * identity server's own logout (/self-service/logout, what an SPA or @ory/client calls) ends it, so
 * the next authorization asks for the password (docs/security.md ID-11); and an identity disabled
 * by an administrator is not signed in again by it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { Browser } from './support/browser.ts';
import { createClient } from './support/flow.ts';
import { signInUntilConsent, startAtHera, type WalkTarget } from './support/hera-walk.ts';
import { startTestServer, type TestServer } from './support/server.ts';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`identity logout ends the OAuth2 login session (${kind})`, () => {
    let olympus: TestServer;
    let target: WalkTarget;

    before(async () => {
      olympus = await startTestServer(kind);
      await ensureDemoIdentity(olympus.server.identity);
      const redirectUri = 'http://127.0.0.1:9/callback';
      const { client_id } = await createClient(olympus.adminUrl, {
        token_endpoint_auth_method: 'none', redirect_uris: [redirectUri], scope: 'openid', skip_consent: true,
        grant_types: ['authorization_code'], response_types: ['code'],
      });
      target = { publicUrl: olympus.publicUrl, clientId: client_id, redirectUri, scope: 'openid' };
    });
    after(async () => olympus?.close());

    test('remembered before the logout, asked for the password after it', async () => {
      const browser = new Browser();
      await signInUntilConsent(browser, target, DEMO_EMAIL, DEMO_PASSWORD);
      const remembered = await startAtHera(browser, target);
      assert.equal(remembered.hera.status, 303);
      assert.match(remembered.hera.location!, /\/oauth2\/auth\?.*login_verifier=/, 'with the login remembered Hera accepts at once');

      const logout = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/logout/browser`, { headers: { accept: 'application/json' } })).body) as { logout_url: string };
      const done = await browser.get(logout.logout_url);
      assert.equal(done.status, 303);
      assert.equal(browser.jar.has('olympus_session'), false, 'the identity session cookie is cleared');

      const after = await startAtHera(browser, target);
      assert.equal(after.hera.status, 303);
      assert.match(after.hera.location!, /\/self-service\/login\/browser\?login_challenge=/, 'the login form is shown again');
      assert.ok(olympus.logs.some((l) => l.msg === 'authorization request valid; redirecting to the login UI' && l.skip === false && l.client_id === target.clientId));
    });

    test('an identity disabled since its login is not signed in by the remembered login', async () => {
      const email = `disabled-${Date.now()}@example.com`;
      const created = await fetch(`${olympus.adminUrl}/admin/identities`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ schema_id: 'default', traits: { email }, credentials: { password: { config: { password: DEMO_PASSWORD } } } }),
      });
      assert.equal(created.status, 201);
      const { id } = (await created.json()) as { id: string };
      const browser = new Browser();
      await signInUntilConsent(browser, target, email, DEMO_PASSWORD);
      assert.match((await startAtHera(browser, target)).hera.location!, /login_verifier=/, 'remembered while active');

      const disabled = await fetch(`${olympus.adminUrl}/admin/identities/${id}`, {
        method: 'PATCH', headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ op: 'replace', path: '/state', value: 'inactive' }]),
      });
      assert.equal(disabled.status, 200, await disabled.text());
      const after = await startAtHera(browser, target);
      assert.match(after.hera.location!, /\/self-service\/login\/browser\?login_challenge=/, 'the login form, not the app');
    });
  });
}
