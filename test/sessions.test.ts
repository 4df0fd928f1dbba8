/**
 * Consent sessions and login sessions through Hydra's admin API (docs/compatibility.md §1.2, §1.5):
 * listing, revoking, and what a revocation does to tokens and to the next authorization.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { adminApi } from './support/oauth2.ts';
import { createClient } from './support/flow.ts';
import { freshSubject, introspect, refresh, signIn, type RegisteredClient } from './support/sessions.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`consent and login sessions (${kind})`, () => {
    let olympus: TestServer;
    let rp: RegisteredClient;
    let other: RegisteredClient;

    const register = async (): Promise<RegisteredClient> => ({
      ...(await createClient(olympus.adminUrl, {
        grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access email', redirect_uris: [REDIRECT],
      })),
      redirectUri: REDIRECT,
    });

    before(async () => {
      olympus = await startTestServer(kind);
      rp = await register();
      other = await register();
    });
    after(() => olympus?.close());

    const remembered = { remember: true, rememberFor: 3600, rememberConsent: true };

    test('the consent sessions list shows the grant with its scope and session claims', async () => {
      const subject = freshSubject('list');
      await signIn(olympus, rp, new Browser(), {
        subject, ...remembered, scope: 'openid email', idTokenClaims: { email: 'ada@example.com' }, accessTokenClaims: { tier: 'gold' },
      });
      const sessions = await adminApi(olympus.adminUrl).listOAuth2ConsentSessions({ subject });
      assert.equal(sessions.length, 1);
      const [granted] = sessions;
      assert.equal(granted.consent_request?.client?.client_id, rp.client_id);
      assert.equal(granted.consent_request?.subject, subject);
      assert.deepEqual(granted.grant_scope, ['openid', 'email']);
      assert.equal(granted.remember, true);
      assert.deepEqual(granted.session?.id_token, { email: 'ada@example.com' });
      assert.deepEqual(granted.session?.access_token, { tier: 'gold' });
      assert.ok(granted.handled_at, 'a granted consent has handled_at');
      assert.deepEqual(await adminApi(olympus.adminUrl).listOAuth2ConsentSessions({ subject: freshSubject('nobody') }), []);
    });

    test('without subject, listing and revoking consent sessions answer 400', async () => {
      for (const method of ['GET', 'DELETE']) {
        const res = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/sessions/consent?client=${rp.client_id}`, { method });
        assert.equal(res.status, 400, method);
        const body = (await res.json()) as { error: string; error_description: string };
        assert.equal(body.error, 'invalid_request');
        assert.match(body.error_description, /subject/);
      }
    });

    test('revoking consent for a client kills its access and refresh tokens and ends the consent skip', async () => {
      const subject = freshSubject('revoke');
      const browser = new Browser();
      const { tokens } = await signIn(olympus, rp, browser, { subject, ...remembered });
      const kept = await signIn(olympus, other, browser, { subject, ...remembered });
      const second = await signIn(olympus, rp, browser, { subject, ...remembered });
      assert.equal(second.ui.consentSkip, true, 'remembered consent is skipped before the revocation');
      assert.equal((await introspect(olympus.adminUrl, tokens.access_token)).active, true);

      const res = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/sessions/consent?subject=${subject}&client=${rp.client_id}`, { method: 'DELETE' });
      assert.equal(res.status, 204);
      for (const token of [tokens.access_token, tokens.refresh_token!, second.tokens.access_token, second.tokens.refresh_token!]) {
        assert.deepEqual(await introspect(olympus.adminUrl, token), { active: false });
      }
      assert.equal((await refresh(olympus.publicUrl, rp, tokens.refresh_token!)).body.error, 'invalid_grant');
      assert.equal((await introspect(olympus.adminUrl, kept.tokens.access_token)).active, true, "another client's grant is untouched");
      const remaining = await adminApi(olympus.adminUrl).listOAuth2ConsentSessions({ subject });
      assert.deepEqual(remaining.map((s) => s.consent_request?.client?.client_id), [other.client_id]);

      const next = await signIn(olympus, rp, browser, { subject, ...remembered });
      assert.equal(next.ui.loginSkip, true, 'the login session is not touched by a consent revocation');
      assert.equal(next.ui.consentSkip, false, 'the consent UI is shown again');
    });

    test('revoking every consent of a subject with all=true', async () => {
      const subject = freshSubject('all');
      const browser = new Browser();
      const a = await signIn(olympus, rp, browser, { subject, ...remembered });
      const b = await signIn(olympus, other, browser, { subject, ...remembered });
      const res = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/sessions/consent?subject=${subject}&all=true`, { method: 'DELETE' });
      assert.equal(res.status, 204);
      for (const token of [a.tokens.access_token, b.tokens.access_token]) assert.equal((await introspect(olympus.adminUrl, token)).active, false);
      assert.deepEqual(await adminApi(olympus.adminUrl).listOAuth2ConsentSessions({ subject }), []);
    });

    test('ending the login sessions: login UI again; refresh tokens without offline_access stop, offline ones keep working', async () => {
      const subject = freshSubject('login');
      const browser = new Browser();
      const online = await signIn(olympus, rp, browser, { subject, ...remembered, scope: 'openid' });
      assert.ok(online.tokens.refresh_token, 'the client has the refresh_token grant, so a session-bound refresh token is issued');
      const offline = await signIn(olympus, rp, browser, { subject, ...remembered, scope: 'openid offline_access' });
      assert.equal(offline.ui.loginSkip, true);
      const rotated = await refresh(olympus.publicUrl, rp, online.tokens.refresh_token!);
      assert.equal(rotated.status, 200, 'works while the session lives');

      await adminApi(olympus.adminUrl).revokeOAuth2LoginSessions({ subject });

      const onlineAfter = await refresh(olympus.publicUrl, rp, rotated.body.refresh_token);
      assert.equal(onlineAfter.status, 400);
      assert.equal(onlineAfter.body.error, 'invalid_grant');
      assert.match(onlineAfter.body.error_description + (onlineAfter.body.error_hint ?? ''), /login session/);
      const offlineAfter = await refresh(olympus.publicUrl, rp, offline.tokens.refresh_token!);
      assert.equal(offlineAfter.status, 200, JSON.stringify(offlineAfter.body));
      assert.ok(offlineAfter.body.access_token);

      const next = await signIn(olympus, rp, browser, { subject, ...remembered });
      assert.equal(next.ui.loginSkip, false, 'the login UI is shown again');
    });

    test('revoking login sessions needs a subject or a sid', async () => {
      const res = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/sessions/login`, { method: 'DELETE' });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_request');
    });
  });
}
