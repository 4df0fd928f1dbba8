/**
 * docs/security.md §1.2 (authorization code and PKCE) and AS-30 (grant hygiene) against a real
 * Olympus, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPkce } from '../packages/oauth2/src/grants/pkce.ts';
import { InvalidGrant } from '@olympus/oauth2';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser, queryOf } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { authHeader, authorizeFully, introspect, redeem, s256 } from './support/security.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`security: authorization codes and PKCE (${kind})`, () => {
    let olympus: TestServer;
    let client: { client_id: string; client_secret?: string };
    let other: { client_id: string; client_secret?: string };
    before(async () => {
      olympus = await startTestServer(kind);
      const body = { grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access', redirect_uris: [REDIRECT, 'http://127.0.0.1:9/other'] };
      client = await createClient(olympus.adminUrl, body);
      other = await createClient(olympus.adminUrl, body);
    });
    after(() => olympus?.close());

    /** The authorization request's immediate answer, as the browser sees it. */
    const authorize = (params: Record<string, string>) =>
      new Browser().get(authorizeUrl(olympus.publicUrl, {
        client_id: client.client_id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 's1', ...params,
      }));

    /** An error sent back to the client's redirect URI (the redirect URI is trusted at this point). */
    const clientError = async (params: Record<string, string>) => {
      const hop = await authorize(params);
      assert.equal(hop.status, 302, hop.body);
      assert.ok(hop.location!.startsWith(`${REDIRECT}?`), hop.location!);
      const q = queryOf(hop.location);
      assert.equal(q.get('code'), null, 'no code with an error');
      return q;
    };

    // AS-8: RFC 9700 §2.1.1 / ASVS 10.4.6 — plain refused, a missing method refused (no RFC 7636 plain default).
    test('AS-8: code_challenge_method=plain, a missing method or an unknown one → invalid_request', async () => {
      const { challenge } = pkcePair();
      const cases: Array<Record<string, string>> = [
        { code_challenge: challenge, code_challenge_method: 'plain' },
        { code_challenge: challenge },
        { code_challenge: challenge, code_challenge_method: 's256' },
        { code_challenge: challenge, code_challenge_method: '' },
      ];
      for (const params of cases) {
        const q = await clientError(params);
        assert.equal(q.get('error'), 'invalid_request', JSON.stringify(params));
        assert.equal(q.get('state'), 's1');
      }
    });

    // AS-8/AS-9: PKCE is required for every client, confidential ones included, so no code can exist without a challenge.
    test('AS-9: an authorization request without code_challenge is refused, so a challenge-less code never exists', async () => {
      for (const params of [{}, { code_challenge_method: 'S256' }] as Array<Record<string, string>>) {
        const q = await clientError(params);
        assert.equal(q.get('error'), 'invalid_request');
        assert.match(q.get('error_description')!, /code_challenge/);
      }
    });

    // AS-9: the token endpoint's own downgrade check (RFC 9700 §4.8.2), for a code stored without a challenge
    // (unreachable through /oauth2/auth, so exercised on the grant's PKCE step directly).
    test('AS-9: a code_verifier for a code without code_challenge is invalid_grant', () => {
      const verifier = pkcePair().verifier;
      assert.throws(() => checkPkce({ codeChallenge: '', codeChallengeMethod: '' }, verifier), (err) =>
        err instanceof InvalidGrant && /code_verifier was sent but the authorization request carried no code_challenge/.test(err.hint));
      assert.throws(() => checkPkce({ codeChallenge: '', codeChallengeMethod: '' }, undefined), InvalidGrant);
      assert.doesNotThrow(() => checkPkce({ codeChallenge: s256(verifier), codeChallengeMethod: 'S256' }, verifier));
    });

    // AS-10: RFC 7636 §4.1 — 43..128 characters of [A-Za-z0-9-._~]. Each challenge is S256 of the bad verifier,
    // so only the verifier's format can be what is refused.
    test('AS-10: verifiers of length 42 and 129, or containing "=", are invalid_grant even when their hash matches', async () => {
      for (const verifier of ['a'.repeat(42), 'b'.repeat(129), `${'c'.repeat(42)}=`, `${pkcePair().verifier}=`]) {
        const { code } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, verifier });
        const res = await redeem(olympus, client, { code, redirect_uri: REDIRECT, code_verifier: verifier });
        assert.equal(res.status, 400, verifier);
        assert.equal(res.body.error, 'invalid_grant', verifier);
        assert.match(res.body.error_hint ?? res.body.error_description, /43 to 128/);
      }
      const ok = 'd'.repeat(43);
      const { code } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, verifier: ok });
      assert.equal((await redeem(olympus, client, { code, redirect_uri: REDIRECT, code_verifier: ok })).status, 200, 'control: 43 characters work');
    });

    // AS-10: a challenge was sent, so the verifier is required.
    test('AS-10: a token request without code_verifier is invalid_grant', async () => {
      const { code } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT });
      const res = await redeem(olympus, client, { code, redirect_uri: REDIRECT });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
    });

    // AS-11: RFC 6749 §4.1.2 — a replayed code is refused and revokes what the first redemption issued.
    test('AS-11: a replayed code → invalid_grant; the first tokens turn inactive and userinfo answers 401', async () => {
      const { code, verifier } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT });
      const form = { code, redirect_uri: REDIRECT, code_verifier: verifier };
      const first = await redeem(olympus, client, form);
      assert.equal(first.status, 200);
      const info = await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: `Bearer ${first.body.access_token}` } });
      assert.equal(info.status, 200, 'control: the access token works before the replay');
      const replay = await redeem(olympus, client, form);
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error, 'invalid_grant');
      for (const token of [first.body.access_token, first.body.refresh_token]) {
        assert.deepEqual(await introspect(olympus, token), { active: false });
      }
      const after = await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: `Bearer ${first.body.access_token}` } });
      assert.equal(after.status, 401);
      assert.match(after.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
      const refreshed = await tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token }, authHeader(client));
      assert.equal(refreshed.body.error, 'invalid_grant', 'the refresh token of the first redemption is dead too');
    });

    // AS-13: RFC 6749 §4.1.3 — the code is bound to the client it was issued to.
    test('AS-13: a code redeemed with another client\'s credentials → invalid_grant', async () => {
      const { code, verifier } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT });
      const res = await redeem(olympus, other, { code, redirect_uri: REDIRECT, code_verifier: verifier });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
      assert.equal(res.body.access_token, undefined);
    });

    // AS-13: RFC 6749 §4.1.3 — redirect_uri is REQUIRED at the token endpoint when it was sent, and must be identical.
    test('AS-13: a missing or different redirect_uri at the token endpoint → invalid_grant', async () => {
      for (const redirect of [undefined, 'http://127.0.0.1:9/other', `${REDIRECT}/`]) {
        const { code, verifier } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT });
        const form: Record<string, string> = { code, code_verifier: verifier };
        if (redirect !== undefined) form.redirect_uri = redirect;
        const res = await redeem(olympus, client, form);
        assert.equal(res.status, 400, String(redirect));
        assert.equal(res.body.error, 'invalid_grant', String(redirect));
      }
    });

    // AS-30: RFC 9700 §2.4 and §2.1.2 — no password grant, no implicit grant at the token endpoint.
    test('AS-30: grant_type=password and grant_type=implicit → unsupported_grant_type', async () => {
      const forms: Array<Record<string, string>> = [
        { grant_type: 'password', username: 'ada', password: 'secret', scope: 'openid' },
        { grant_type: 'implicit' },
      ];
      for (const form of forms) {
        const res = await tokenRequest(olympus.publicUrl, form, authHeader(client));
        assert.equal(res.status, 400, form.grant_type);
        assert.equal(res.body.error, 'unsupported_grant_type', form.grant_type);
      }
    });

    // AS-30: response_type=token (implicit) and hybrid types are answered at the client's redirect URI.
    test('AS-30: response_type=token or "code id_token" → unsupported_response_type at the client', async () => {
      const { challenge } = pkcePair();
      for (const responseType of ['token', 'id_token token', 'code id_token']) {
        const q = await clientError({ response_type: responseType, code_challenge: challenge, code_challenge_method: 'S256' });
        assert.equal(q.get('error'), 'unsupported_response_type', responseType);
        assert.equal(q.get('access_token'), null);
      }
    });

    // AS-30: a client uses only its registered grants (RFC 6749 §5.2 unauthorized_client).
    test('AS-30: a code-flow client asking for client_credentials → unauthorized_client', async () => {
      const res = await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials' }, authHeader(client));
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'unauthorized_client');
    });

    // AS-30: the refused grants cannot even be registered.
    test('AS-30: registering a client with the password or implicit grant, or response_type token, is refused', async () => {
      for (const body of [{ grant_types: ['password'] }, { grant_types: ['implicit'] }, { response_types: ['token'] }]) {
        const res = await fetch(`${olympus.adminUrl}/admin/clients`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: [REDIRECT], ...body }),
        });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal((await res.json()).error, 'invalid_client_metadata', JSON.stringify(body));
      }
    });
  });

  describe(`security: code lifetime (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, ttl: { ...c.ttl, authCode: 1 } }));
    });
    after(() => olympus?.close());

    // AS-13: ASVS 10.4.3 — an expired code is invalid_grant.
    test('AS-13: a code redeemed after its lifetime → invalid_grant', async () => {
      const client = await createClient(olympus.adminUrl, { grant_types: ['authorization_code'], scope: 'openid', redirect_uris: [REDIRECT] });
      const { code, verifier } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, scope: 'openid' });
      await new Promise((r) => setTimeout(r, 5));
      const res = await redeem(olympus, client, { code, redirect_uri: REDIRECT, code_verifier: verifier });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
      assert.match(res.body.error_description, /expired/);
    });
  });
}
