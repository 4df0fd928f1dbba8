/**
 * OpenID RP-Initiated Logout 1.0 and Back-Channel Logout 1.0 against a real Olympus, driven like a
 * relying party and a logout UI would, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser, queryOf } from './support/browser.ts';
import { adminApi, authorizeThroughUi } from './support/oauth2.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';
import { freshSubject, signIn, startPostReceiver, type PostReceiver, type RegisteredClient } from './support/sessions.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const LOGGED_OUT = 'http://127.0.0.1:9/logged-out';
const SESSION_COOKIE = 'olympus_oauth2_session';
const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

const logoutUrl = (publicUrl: string, params: Record<string, string>): string => {
  const url = new URL(`${publicUrl}/oauth2/sessions/logout`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`RP-initiated and back-channel logout (${kind})`, () => {
    let olympus: TestServer;
    let receiver: PostReceiver;
    let rpA: RegisteredClient;
    let rpB: RegisteredClient;
    let rpWithBackchannel: RegisteredClient;

    const register = async (extra: Record<string, unknown> = {}): Promise<RegisteredClient> => {
      const created = await createClient(olympus.adminUrl, {
        grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access', redirect_uris: [REDIRECT],
        post_logout_redirect_uris: [LOGGED_OUT], ...extra,
      });
      return { ...created, redirectUri: REDIRECT };
    };

    before(async () => {
      olympus = await startTestServer(kind);
      receiver = await startPostReceiver();
      rpA = await register();
      rpB = await register();
      rpWithBackchannel = await register({ backchannel_logout_uri: receiver.url, backchannel_logout_session_required: true });
    });
    after(async () => {
      await receiver?.close();
      await olympus?.close();
    });

    /** A remembered login in `browser`, and the ID token it produced. */
    const rememberedLogin = async (browser: Browser, client: RegisteredClient, subject: string) => {
      const { tokens } = await signIn(olympus, client, browser, { subject, remember: true, rememberFor: 3600 });
      assert.ok(browser.jar.has(SESSION_COOKIE), 'a remembered login sets the session cookie');
      assert.ok(tokens.id_token, 'scope openid yields an ID token');
      return tokens.id_token;
    };

    const startLogout = async (browser: Browser, params: Record<string, string>) => {
      const hop = await browser.get(logoutUrl(olympus.publicUrl, params));
      assert.equal(hop.status, 302, `logout should redirect to the logout UI: ${hop.body}`);
      assert.ok(hop.location!.startsWith(`${olympus.publicUrl}/logout?`), `expected urls.logout, got ${hop.location}`);
      const challenge = queryOf(hop.location).get('logout_challenge');
      assert.ok(challenge, `expected a logout_challenge in ${hop.location}`);
      return challenge;
    };

    const putLogout = (action: 'accept' | 'reject', challenge: string) =>
      fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/logout/${action}?logout_challenge=${encodeURIComponent(challenge)}`, { method: 'PUT' });

    /** Whether the browser's next authorization finds a remembered login (login request skip). */
    const loginSkipped = async (browser: Browser, client: RegisteredClient): Promise<boolean> => {
      const { challenge } = pkcePair();
      const hop = await browser.get(authorizeUrl(olympus.publicUrl, {
        client_id: client.client_id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'again',
        code_challenge: challenge, code_challenge_method: 'S256',
      }));
      assert.equal(hop.status, 302, hop.body);
      const loginChallenge = queryOf(hop.location).get('login_challenge')!;
      return (await adminApi(olympus.adminUrl).getOAuth2LoginRequest({ loginChallenge })).skip;
    };

    test('logout with id_token_hint: logout UI, accept, back to the registered URI with state, session gone', async () => {
      const browser = new Browser();
      const subject = freshSubject('logout');
      const idToken = await rememberedLogin(browser, rpA, subject);
      const sid = decodeJwt(idToken).sid;
      assert.equal(typeof sid, 'string');
      assert.equal(await loginSkipped(browser, rpA), true, 'before logout the login is remembered');

      const challenge = await startLogout(browser, { id_token_hint: idToken, post_logout_redirect_uri: LOGGED_OUT, state: 'xyz' });
      const api = adminApi(olympus.adminUrl);
      const request = await api.getOAuth2LogoutRequest({ logoutChallenge: challenge });
      assert.equal(request.subject, subject);
      assert.equal(request.sid, sid, 'the logout request names the session of the ID token');
      assert.equal(request.rp_initiated, true);
      assert.equal(request.client?.client_id, rpA.client_id);

      const accepted = await putLogout('accept', challenge);
      assert.equal(accepted.status, 200);
      const { redirect_to } = (await accepted.json()) as { redirect_to: string };
      const back = await browser.get(redirect_to);
      assert.equal(back.status, 302, back.body);
      const target = new URL(back.location!);
      assert.equal(`${target.origin}${target.pathname}`, LOGGED_OUT);
      assert.equal(target.searchParams.get('state'), 'xyz');
      assert.ok(back.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`)), 'the session cookie is cleared');
      assert.equal(browser.jar.has(SESSION_COOKIE), false);

      assert.equal(await loginSkipped(browser, rpA), false, 'after logout the login UI must be shown again');
      const again = await putLogout('accept', challenge);
      assert.equal(again.status, 410, 'a logout challenge works once');
    });

    test('the ended session is not revived by the old cookie value', async () => {
      const browser = new Browser();
      await rememberedLogin(browser, rpA, freshSubject('cookie'));
      const stolen = new Browser();
      stolen.jar.set(SESSION_COOKIE, browser.jar.get(SESSION_COOKIE)!);
      const challenge = await startLogout(browser, { client_id: rpA.client_id });
      const { redirect_to } = (await (await putLogout('accept', challenge)).json()) as { redirect_to: string };
      const back = await browser.get(redirect_to);
      assert.equal(back.location, `${olympus.publicUrl}/oauth2/fallbacks/logout/callback`, 'without post_logout_redirect_uri: urls.post_logout_redirect');
      assert.equal(await loginSkipped(stolen, rpA), false, 'a copy of the old cookie no longer logs in');
    });

    test('an unregistered post_logout_redirect_uri gets the HTML error page, never a redirect', async () => {
      const browser = new Browser();
      const idToken = await rememberedLogin(browser, rpA, freshSubject('unregistered'));
      const hop = await browser.get(logoutUrl(olympus.publicUrl, { id_token_hint: idToken, post_logout_redirect_uri: 'http://127.0.0.1:9/elsewhere', state: 'xyz' }));
      assert.equal(hop.status, 400);
      assert.equal(hop.location, null);
      assert.match(hop.headers.get('content-type') ?? '', /text\/html/);
      assert.match(hop.body, /not registered/);
      assert.equal(await loginSkipped(browser, rpA), true, 'a refused logout leaves the session alone');
    });

    test("client A's id_token_hint with client_id=B is refused", async () => {
      const browser = new Browser();
      const idToken = await rememberedLogin(browser, rpA, freshSubject('mixup'));
      const hop = await browser.get(logoutUrl(olympus.publicUrl, { id_token_hint: idToken, client_id: rpB.client_id, post_logout_redirect_uri: LOGGED_OUT }));
      assert.equal(hop.status, 400);
      assert.equal(hop.location, null);
      assert.match(hop.body, /client_id does not match/);
    });

    test('a forged id_token_hint is refused', async () => {
      const browser = new Browser();
      const idToken = await rememberedLogin(browser, rpA, freshSubject('forged'));
      const [header, payload] = idToken.split('.');
      const hop = await browser.get(logoutUrl(olympus.publicUrl, { id_token_hint: `${header}.${payload}.AAAA`, post_logout_redirect_uri: LOGGED_OUT }));
      assert.equal(hop.status, 400);
      assert.equal(hop.location, null);
    });

    test('logout reject answers 204 and the session stays', async () => {
      const browser = new Browser();
      const idToken = await rememberedLogin(browser, rpA, freshSubject('stay'));
      const challenge = await startLogout(browser, { id_token_hint: idToken, post_logout_redirect_uri: LOGGED_OUT, state: 'xyz' });
      const rejected = await putLogout('reject', challenge);
      assert.equal(rejected.status, 204);
      assert.ok(browser.jar.has(SESSION_COOKIE));
      assert.equal(await loginSkipped(browser, rpA), true, 'the user chose to stay signed in');
    });

    test('accepting logout sends a verifiable logout token to the back-channel URI', async () => {
      const browser = new Browser();
      const subject = freshSubject('backchannel');
      const idToken = await rememberedLogin(browser, rpWithBackchannel, subject);
      const sid = decodeJwt(idToken).sid;
      const challenge = await startLogout(browser, { id_token_hint: idToken, post_logout_redirect_uri: LOGGED_OUT });
      const delivered = receiver.next(10_000);
      assert.equal((await putLogout('accept', challenge)).status, 200);
      const post = await delivered;
      assert.equal(post.path, '/backchannel-logout');
      assert.match(post.contentType, /^application\/x-www-form-urlencoded/);
      const logoutToken = post.form.get('logout_token');
      assert.ok(logoutToken, 'the POST carries logout_token');
      const jwks = createRemoteJWKSet(new URL(`${olympus.publicUrl}/.well-known/jwks.json`));
      const { payload, protectedHeader } = await jwtVerify(logoutToken, jwks, {
        issuer: olympus.publicUrl, audience: rpWithBackchannel.client_id, typ: 'logout+jwt',
      });
      assert.equal(protectedHeader.typ, 'logout+jwt');
      assert.equal(payload.sid, sid, 'the logout token names the session of the ID token');
      assert.equal(payload.sub, subject);
      assert.deepEqual(payload.events, { [BACKCHANNEL_EVENT]: {} });
      assert.equal(payload.nonce, undefined, 'a logout token never carries a nonce (Back-Channel Logout §2.4)');
      assert.equal(typeof payload.jti, 'string');
      assert.equal(typeof payload.iat, 'number');
    });

    test('ending one session by sid through the admin API also notifies the back-channel', async () => {
      const browser = new Browser();
      const subject = freshSubject('admin-sid');
      const idToken = await rememberedLogin(browser, rpWithBackchannel, subject);
      const sid = String(decodeJwt(idToken).sid);
      const delivered = receiver.next(10_000);
      const res = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/sessions/login?sid=${encodeURIComponent(sid)}`, { method: 'DELETE' });
      assert.equal(res.status, 204);
      const token = (await delivered).form.get('logout_token')!;
      assert.equal(decodeJwt(token).sid, sid);
      assert.equal(await loginSkipped(browser, rpWithBackchannel), false);

      // Ending the same session again is a no-op: nobody is told twice. The next logout token the
      // receiver gets must therefore be the one of a new session.
      const again = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/sessions/login?sid=${encodeURIComponent(sid)}`, { method: 'DELETE' });
      assert.equal(again.status, 204);
      const ended = olympus.logs.filter((l) => l.msg === 'authentication session ended' && l.sid === sid);
      assert.equal(ended.length, 1, 'the session ended once');
      const nextSid = String(decodeJwt(await rememberedLogin(new Browser(), rpWithBackchannel, subject)).sid);
      const following = receiver.next(10_000);
      assert.equal((await fetch(`${olympus.adminUrl}/admin/oauth2/auth/sessions/login?sid=${encodeURIComponent(nextSid)}`, { method: 'DELETE' })).status, 204);
      assert.equal(decodeJwt((await following).form.get('logout_token')!).sid, nextSid);
    });
  });
}
