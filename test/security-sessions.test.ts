/**
 * docs/security.md AS-21 (login/consent CSRF), AS-39 and AS-40 (max_age, prompt) against a real
 * Olympus on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser, queryOf } from './support/browser.ts';
import { adminApi } from './support/oauth2.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';
import { assertErrorPage, authorizeFully, jwtPayload, nextSecond, redeem } from './support/security.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const REMEMBER = { subject: 'user-1', remember: true, rememberFor: 3600 };

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`security: login and consent sessions (${kind})`, () => {
    let olympus: TestServer;
    let client: { client_id: string; client_secret?: string };
    before(async () => {
      olympus = await startTestServer(kind);
      client = await createClient(olympus.adminUrl, { grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access', redirect_uris: [REDIRECT] });
    });
    after(() => olympus?.close());

    const start = (browser: Browser, extra: Record<string, string> = {}) => {
      const { challenge } = pkcePair();
      return browser.get(authorizeUrl(olympus.publicUrl, {
        client_id: client.client_id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 's',
        code_challenge: challenge, code_challenge_method: 'S256', ...extra,
      }));
    };

    const idTokenOf = async (result: { code: string; verifier: string }) => {
      const res = await redeem(olympus, client, { code: result.code, redirect_uri: REDIRECT, code_verifier: result.verifier });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return jwtPayload(res.body.id_token);
    };

    // AS-21: Hydra's consent_csrf — a verifier only works in the browser that started the flow.
    test('AS-21: login and consent verifiers replayed in another browser → 403 page, no code; the owner continues', async () => {
      const api = adminApi(olympus.adminUrl);
      const victim = new Browser();
      const loginChallenge = queryOf((await start(victim)).location).get('login_challenge')!;
      const { redirect_to: loginVerifierUrl } = await api.acceptOAuth2LoginRequest({ loginChallenge, acceptOAuth2LoginRequest: { subject: 'user-1' } });

      const attacker = new Browser();
      assertErrorPage(await attacker.get(loginVerifierUrl), 403, 'request_forbidden');
      const forged = new Browser();
      for (const [name, cookie] of victim.jar) forged.jar.set(name, { ...cookie, value: `${cookie.value}x` });
      assertErrorPage(await forged.get(loginVerifierUrl), 403, 'request_forbidden');

      const toConsent = await victim.get(loginVerifierUrl);
      assert.equal(toConsent.status, 302, 'the refused replays did not consume the verifier');
      const consentChallenge = queryOf(toConsent.location).get('consent_challenge')!;
      const { redirect_to: consentVerifierUrl } = await api.acceptOAuth2ConsentRequest({
        consentChallenge, acceptOAuth2ConsentRequest: { grant_scope: ['openid'] },
      });
      const replay = await attacker.get(consentVerifierUrl);
      assertErrorPage(replay, 403, 'request_forbidden');
      assert.ok(!replay.body.includes('code='), 'no code on the page');
      const done = await victim.get(consentVerifierUrl);
      assert.equal(done.status, 302);
      assert.ok(queryOf(done.location).get('code'), 'the browser that started the flow gets the code');
    });

    // AS-40: OIDC Core §3.1.2.1 — "none" with any other prompt value is an error.
    test('AS-40: prompt=none combined with another value → invalid_request at the client', async () => {
      for (const prompt of ['none login', 'consent none', 'none select_account']) {
        const hop = await start(new Browser(), { prompt });
        assert.equal(hop.status, 302);
        const q = queryOf(hop.location);
        assert.equal(q.get('error'), 'invalid_request', prompt);
        assert.equal(q.get('code'), null);
      }
    });

    // AS-40: prompt=login forces a fresh login even with a remembered session.
    test('AS-40: prompt=login with a remembered session → the login request has skip=false', async () => {
      const browser = new Browser();
      await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, browser, who: REMEMBER });
      const remembered = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, browser, who: REMEMBER });
      assert.equal(remembered.loginSkip, true, 'control: the remembered session skips the login');
      const forced = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, browser, who: REMEMBER, extra: { prompt: 'login' } });
      assert.equal(forced.loginSkip, false);
    });

    // AS-39/AS-40: max_age=0 forces re-authentication, and the ID token's auth_time is the new login's.
    test('AS-39/40: max_age=0 with a remembered session → skip=false and a fresh auth_time', async () => {
      const browser = new Browser();
      const first = await idTokenOf(await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, browser, who: REMEMBER }));
      assert.equal(typeof first.auth_time, 'number');
      await nextSecond();
      const again = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, browser, who: REMEMBER, extra: { max_age: '0' } });
      assert.equal(again.loginSkip, false);
      const second = await idTokenOf(again);
      assert.ok((second.auth_time as number) > (first.auth_time as number), `auth_time ${second.auth_time} is newer than ${first.auth_time}`);
    });

    // AS-39: a skipped login is no new authentication — auth_time stays the time the user really logged in
    // (OIDC Core §2), or a relying party's own max_age check would be fooled.
    test('AS-39: a login skipped thanks to the remembered session keeps the original auth_time', async () => {
      const browser = new Browser();
      const first = await idTokenOf(await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, browser, who: REMEMBER }));
      await nextSecond();
      const skipped = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, browser, who: REMEMBER, extra: { max_age: '3600' } });
      assert.equal(skipped.loginSkip, true);
      const second = await idTokenOf(skipped);
      assert.equal(second.auth_time, first.auth_time);
    });
  });
}
