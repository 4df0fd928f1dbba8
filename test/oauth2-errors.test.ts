/**
 * The exact error a developer gets for each common integration mistake, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser, queryOf } from './support/browser.ts';
import { authorizeUrl, basic, createClient, obtainCode, pkcePair, tokenRequest } from './support/flow.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`explained OAuth2 errors (${kind})`, () => {
    let olympus: TestServer;
    let client: { client_id: string; client_secret?: string };
    before(async () => {
      olympus = await startTestServer(kind);
      client = await createClient(olympus.adminUrl, {
        grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access', redirect_uris: [REDIRECT],
      });
    });
    after(() => olympus?.close());

    const authorize = (params: Record<string, string>) =>
      new Browser().get(authorizeUrl(olympus.publicUrl, { client_id: client.client_id, response_type: 'code', redirect_uri: REDIRECT, state: 's1', ...params }));

    test('a redirect_uri differing by a trailing slash shows the error page naming the difference, never redirects', async () => {
      const { challenge } = pkcePair();
      const hop = await authorize({ redirect_uri: `${REDIRECT}/`, code_challenge: challenge, code_challenge_method: 'S256' });
      assert.equal(hop.status, 400);
      assert.equal(hop.location, null);
      assert.match(hop.headers.get('content-type') ?? '', /text\/html/);
      assert.match(hop.body, /trailing slash/);
      assert.ok(hop.body.includes(REDIRECT), 'the nearest registered URI is named');
      assert.match(hop.body, /id="error-id"/);
    });

    test('an unknown client gets the HTML error page with an error id found in the log, no redirect', async () => {
      const hop = await new Browser().get(authorizeUrl(olympus.publicUrl, { client_id: 'nobody', response_type: 'code', redirect_uri: 'https://evil.example/cb' }));
      assert.equal(hop.status, 401);
      assert.equal(hop.location, null);
      const errorId = /id="error-id">([^<]+)</.exec(hop.body)?.[1];
      assert.ok(errorId);
      assert.ok(olympus.logs.some((l) => l.error_id === errorId && l.error === 'invalid_client'), 'the error id finds the log line');
      assert.equal(hop.headers.get('x-frame-options'), 'DENY');
      assert.match(hop.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    });

    test('a missing PKCE challenge is sent back to the client saying S256 is required', async () => {
      const hop = await authorize({});
      assert.equal(hop.status, 302);
      const q = queryOf(hop.location);
      assert.equal(q.get('error'), 'invalid_request');
      assert.match(q.get('error_description')!, /requires PKCE with S256 for every client/);
      assert.equal(q.get('state'), 's1');
      assert.equal(q.get('iss'), olympus.publicUrl);
    });

    test('PKCE plain is refused', async () => {
      const q = queryOf((await authorize({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })).location);
      assert.equal(q.get('error'), 'invalid_request');
      assert.match(q.get('error_description')!, /'plain' is not allowed/);
    });

    test('prompt=none without a session answers login_required at the redirect URI', async () => {
      const { challenge } = pkcePair();
      const q = queryOf((await authorize({ prompt: 'none', code_challenge: challenge, code_challenge_method: 'S256' })).location);
      assert.equal(q.get('error'), 'login_required');
      assert.equal(q.get('iss'), olympus.publicUrl);
    });

    test('a wrong code_verifier gets invalid_grant saying the verifier differs', async () => {
      const { code } = await obtainCode(olympus, client.client_id, REDIRECT);
      const res = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkcePair().verifier },
        { authorization: basic(client.client_id, client.client_secret!) });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
      assert.match(res.body.error_hint, /code_verifier/);
    });

    test('a replayed code gets invalid_grant and revokes the tokens of the first redemption', async () => {
      const { code, verifier } = await obtainCode(olympus, client.client_id, REDIRECT);
      const auth = { authorization: basic(client.client_id, client.client_secret!) };
      const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier };
      const first = await tokenRequest(olympus.publicUrl, form, auth);
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('cache-control'), 'no-store');
      const replay = await tokenRequest(olympus.publicUrl, form, auth);
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error, 'invalid_grant');
      assert.match(replay.body.error_hint, /already used/);
      const refused = olympus.logs.filter((l) => l.msg === 'token request refused' && l.error === 'invalid_grant').at(-1);
      const started = olympus.logs.filter((l) => l.msg === 'authorization request valid; redirecting to the login UI').map((l) => l.trace_id);
      assert.ok(refused && started.includes(refused.trace_id), 'the refusal is logged under the flow\'s trace_id');
      for (const token of [first.body.access_token, first.body.refresh_token]) {
        const res = await fetch(`${olympus.adminUrl}/admin/oauth2/introspect`, { method: 'POST', body: new URLSearchParams({ token }) });
        assert.deepEqual(await res.json(), { active: false });
      }
    });

    test('a reused refresh token gets invalid_grant and revokes the whole family', async () => {
      const { code, verifier } = await obtainCode(olympus, client.client_id, REDIRECT);
      const auth = { authorization: basic(client.client_id, client.client_secret!) };
      const first = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, auth);
      const rotated = await tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token }, auth);
      assert.equal(rotated.status, 200);
      const reuse = await tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token }, auth);
      assert.equal(reuse.body.error, 'invalid_grant');
      assert.match(reuse.body.error_hint, /already used/);
      const next = await tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token }, auth);
      assert.equal(next.body.error, 'invalid_grant', 'the rotated refresh token died with its family');
    });

    test('client_secret_post against a client_secret_basic client names both methods', async () => {
      const res = await tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: 'x', client_id: client.client_id, client_secret: client.client_secret! });
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'invalid_client');
      assert.match(res.body.error_hint, /client_secret_basic/);
      assert.match(res.body.error_hint, /client_secret_post/);
    });

    test('a JSON body at the token endpoint is told to send form-urlencoded', async () => {
      const res = await fetch(`${olympus.publicUrl}/oauth2/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }),
      });
      assert.equal(res.status, 400);
      const body = await res.json();
      assert.equal(body.error, 'invalid_request');
      assert.match(body.error_description, /application\/x-www-form-urlencoded/);
    });

    test('a login challenge accepted twice answers 410 with redirect_to', async () => {
      const { challenge } = pkcePair();
      const hop = await authorize({ scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' });
      const loginChallenge = queryOf(hop.location).get('login_challenge')!;
      const accept = () => fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/login/accept?login_challenge=${encodeURIComponent(loginChallenge)}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'user-1' }),
      });
      const first = await accept();
      assert.equal(first.status, 200);
      const { redirect_to } = await first.json();
      const second = await accept();
      assert.equal(second.status, 410);
      const body = await second.json();
      assert.equal(body.redirect_to, redirect_to, 'the second accept points to the same continuation');
      assert.equal(body.status, 'accepted');
    });

    test('20 parallel redemptions of one code: exactly one succeeds', async () => {
      const { code, verifier } = await obtainCode(olympus, client.client_id, REDIRECT);
      const auth = { authorization: basic(client.client_id, client.client_secret!) };
      const results = await Promise.all(Array.from({ length: 20 }, () =>
        tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, auth)));
      assert.equal(results.filter((r) => r.status === 200).length, 1);
      assert.ok(results.filter((r) => r.status !== 200).every((r) => r.body.error === 'invalid_grant'));
    });
  });

  describe(`expired challenges (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, ttl: { ...c.ttl, loginConsentRequest: 1 } }));
    });
    after(() => olympus?.close());

    test('an expired login challenge answers 410 request_expired with a redirect_to that restarts the flow', async () => {
      const client = await createClient(olympus.adminUrl, { scope: 'openid', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' });
      const { challenge } = pkcePair();
      const url = authorizeUrl(olympus.publicUrl, { client_id: client.client_id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' });
      const loginChallenge = queryOf((await new Browser().get(url)).location).get('login_challenge')!;
      await new Promise((r) => setTimeout(r, 5));
      const res = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/login?login_challenge=${encodeURIComponent(loginChallenge)}`);
      assert.equal(res.status, 410);
      const body = await res.json();
      assert.equal(body.error, 'request_expired');
      assert.equal(body.status, 'expired');
      assert.equal(body.redirect_to, url);
    });
  });
}
