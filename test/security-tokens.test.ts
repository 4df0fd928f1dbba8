/**
 * docs/security.md §1.3 (refresh tokens), §1.7 (revocation, introspection, bearer usage), AS-41 (ID
 * token claims) and AS-6 at the token endpoint, against a real Olympus on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { createLogger, startServer } from '@olympus/server';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { createClient, tokenRequest } from './support/flow.ts';
import { assertErrorPage, authHeader, authorizeFully, introspect, isActive, obtainTokens, refresh } from './support/security.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const CLIENT = { grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access email', redirect_uris: [REDIRECT] };

const revoke = (olympus: TestServer, headers: Record<string, string>, form: Record<string, string>) =>
  fetch(`${olympus.publicUrl}/oauth2/revoke`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form),
  });

const rawTokenRequest = (olympus: TestServer, body: string, headers: Record<string, string> = {}) =>
  fetch(`${olympus.publicUrl}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`security: tokens (${kind})`, () => {
    let olympus: TestServer;
    let client: { client_id: string; client_secret?: string };
    let other: { client_id: string; client_secret?: string };
    let spa: { client_id: string };
    before(async () => {
      olympus = await startTestServer(kind);
      client = await createClient(olympus.adminUrl, CLIENT);
      other = await createClient(olympus.adminUrl, CLIENT);
      spa = await createClient(olympus.adminUrl, { ...CLIENT, token_endpoint_auth_method: 'none' });
    });
    after(() => olympus?.close());

    // AS-6: RFC 6749 §3.2 — token request parameters MUST NOT be included more than once.
    test('AS-6: a duplicated parameter in the token request body → invalid_request', async () => {
      const { code, verifier } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT });
      const base = `grant_type=authorization_code&redirect_uri=${encodeURIComponent(REDIRECT)}&code_verifier=${verifier}`;
      for (const body of [`${base}&code=${code}&code=${code}`, `${base}&code=${code}&grant_type=client_credentials`, `${base}&code=${code}&client_id=a&client_id=b`]) {
        const res = await rawTokenRequest(olympus, body, authHeader(client));
        assert.equal(res.status, 400, body);
        const json = await res.json();
        assert.equal(json.error, 'invalid_request');
        assert.match(json.error_description, /more than once/);
      }
      const ok = await rawTokenRequest(olympus, `${base}&code=${code}`, authHeader(client));
      assert.equal(ok.status, 200, 'control: the code was not burned by the refused requests');
    });

    // AS-14: RFC 9700 §4.14.2 — a public client's refresh tokens rotate, and reuse kills the family.
    test('AS-14: a public client reusing a rotated refresh token loses the whole family', async () => {
      const { code, verifier } = await authorizeFully(olympus, spa.client_id, { redirectUri: REDIRECT });
      const first = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', client_id: spa.client_id, code, redirect_uri: REDIRECT, code_verifier: verifier });
      assert.equal(first.status, 200);
      const publicRefresh = (rt: string) => tokenRequest(olympus.publicUrl, { grant_type: 'refresh_token', client_id: spa.client_id, refresh_token: rt });
      const rotated = await publicRefresh(first.body.refresh_token);
      assert.equal(rotated.status, 200);
      assert.notEqual(rotated.body.refresh_token, first.body.refresh_token, 'the refresh token rotates');
      const reuse = await publicRefresh(first.body.refresh_token);
      assert.equal(reuse.status, 400);
      assert.equal(reuse.body.error, 'invalid_grant');
      const next = await publicRefresh(rotated.body.refresh_token);
      assert.equal(next.body.error, 'invalid_grant', 'the rotated refresh token died with its family');
      assert.equal(await isActive(olympus, rotated.body.access_token), false, 'the access token of the family died too');
    });

    // AS-15: five parallel refreshes with one refresh token: at most one wins, and the family dies.
    test('AS-15: 5 parallel refreshes of one token — at most one succeeds and no token of the family stays active', async () => {
      const tokens = await obtainTokens(olympus, client, REDIRECT);
      const results = await Promise.all(Array.from({ length: 5 }, () => refresh(olympus, client, tokens.refresh_token)));
      const won = results.filter((r) => r.status === 200);
      assert.ok(won.length <= 1, `${won.length} parallel refreshes succeeded`);
      for (const r of results.filter((x) => x.status !== 200)) assert.equal(r.body.error, 'invalid_grant');
      const family = [tokens.access_token, tokens.refresh_token, ...won.flatMap((r) => [r.body.access_token, r.body.refresh_token])];
      for (const token of family) assert.deepEqual(await introspect(olympus, token), { active: false });
    });

    // AS-17: RFC 6749 §6 — a refresh may not widen the scope; the token survives the mistake.
    test('AS-17: a refresh asking for a scope never granted → invalid_scope, and the refresh token still works', async () => {
      const tokens = await obtainTokens(olympus, client, REDIRECT, 'openid offline_access');
      const wider = await refresh(olympus, client, tokens.refresh_token, { scope: 'openid offline_access email' });
      assert.equal(wider.status, 400);
      assert.equal(wider.body.error, 'invalid_scope');
      const same = await refresh(olympus, client, tokens.refresh_token, { scope: 'openid' });
      assert.equal(same.status, 200, 'control: a narrower scope is fine and the token was not burned');
      assert.equal(same.body.scope, 'openid');
    });

    // AS-32: RFC 7009 §2.1 — a client revokes only its own tokens; another client's stay active.
    test('AS-32: revoking another client\'s access or refresh token is refused and the token stays active', async () => {
      const tokens = await obtainTokens(olympus, client, REDIRECT);
      for (const [token, hint] of [[tokens.access_token, 'access_token'], [tokens.refresh_token, 'refresh_token']]) {
        const res = await revoke(olympus, authHeader(other), { token, token_type_hint: hint });
        assert.equal(res.status, 400, hint);
        assert.equal((await res.json()).error, 'unauthorized_client');
        assert.equal(await isActive(olympus, token), true, `${hint} stays active`);
      }
    });

    // AS-32: RFC 7009 §2.2 — an unknown token is a 200; revoking a refresh token ends its access tokens too.
    test('AS-32: an unknown token → 200; revoking a refresh token also deactivates its access token', async () => {
      const unknown = await revoke(olympus, authHeader(client), { token: 'ory_at_not-a-real-token' });
      assert.equal(unknown.status, 200);
      assert.equal(await unknown.text(), '');
      const tokens = await obtainTokens(olympus, client, REDIRECT);
      const res = await revoke(olympus, authHeader(client), { token: tokens.refresh_token, token_type_hint: 'access_token' });
      assert.equal(res.status, 200);
      assert.equal(await isActive(olympus, tokens.refresh_token), false);
      assert.equal(await isActive(olympus, tokens.access_token), false);
      assert.notEqual((await fetch(`${olympus.publicUrl}/oauth2/revoke?token=x`)).status, 200, 'revocation is POST only');
    });

    // AS-33: RFC 7662 §2.2 — an inactive token reveals nothing: the body has exactly one key.
    test('AS-33: introspection of unknown, revoked or rotated tokens answers exactly {"active":false}', async () => {
      const tokens = await obtainTokens(olympus, client, REDIRECT);
      const rotated = await refresh(olympus, client, tokens.refresh_token);
      assert.equal(rotated.status, 200);
      await revoke(olympus, authHeader(client), { token: rotated.body.access_token });
      for (const token of ['ory_at_unknown', 'garbage', tokens.refresh_token, tokens.access_token, rotated.body.access_token]) {
        const body = await introspect(olympus, token);
        assert.deepEqual(Object.keys(body), ['active'], token);
        assert.equal(body.active, false);
      }
      assert.equal(await isActive(olympus, rotated.body.refresh_token), true, 'control: the current refresh token is active');
    });

    // AS-35: RFC 6750 §2.3 / RFC 9700 §4.3.2 — no tokens in the query; 401s carry WWW-Authenticate.
    test('AS-35: userinfo refuses a query-string token, and every 401 carries WWW-Authenticate: Bearer', async () => {
      const tokens = await obtainTokens(olympus, client, REDIRECT);
      const viaQuery = await fetch(`${olympus.publicUrl}/userinfo?access_token=${encodeURIComponent(tokens.access_token)}`);
      assert.equal(viaQuery.status, 400);
      assert.equal((await viaQuery.json()).error, 'invalid_request');
      assert.match(viaQuery.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_request"/);
      const invalid = await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: 'Bearer ory_at_forged' } });
      assert.equal(invalid.status, 401);
      assert.match(invalid.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
      const none = await fetch(`${olympus.publicUrl}/userinfo`);
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="olympus"', 'no error code without credentials (RFC 6750 §3.1)');
      const header = await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      assert.equal(header.status, 200, 'control: the header form works');
    });

    // AS-41: OIDC Core §2 — iss, sub, aud (with client_id), exp, iat; signed, never alg=none; userinfo sub agrees.
    test('AS-41: the ID token carries iss, sub, aud, exp and iat, verifies against the JWKS, and matches userinfo', async () => {
      const tokens = await obtainTokens(olympus, client, REDIRECT);
      const discovery = await (await fetch(`${olympus.publicUrl}/.well-known/openid-configuration`)).json();
      const header = decodeProtectedHeader(tokens.id_token);
      assert.notEqual(String(header.alg).toLowerCase(), 'none');
      assert.ok(header.kid, 'kid in every JWS (AS-42)');
      const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
        issuer: discovery.issuer, audience: client.client_id,
      });
      assert.equal(payload.iss, discovery.issuer);
      assert.equal(payload.sub, 'user-1');
      assert.ok(Array.isArray(payload.aud) ? payload.aud.includes(client.client_id) : payload.aud === client.client_id);
      assert.equal(typeof payload.iat, 'number');
      assert.equal(typeof payload.exp, 'number');
      assert.ok(payload.exp! > payload.iat!);
      const info = await (await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json();
      assert.equal(info.sub, payload.sub);
    });

    // AS-7 (and §4 case 7): an ID token of client A as id_token_hint with client_id=B is refused at logout.
    test('AS-7: logout with client A\'s id_token_hint and client_id=B is refused with the error page', async () => {
      const tokens = await obtainTokens(olympus, client, REDIRECT);
      const hop = await new Browser().get(`${olympus.publicUrl}/oauth2/sessions/logout?${new URLSearchParams({ id_token_hint: tokens.id_token, client_id: other.client_id })}`);
      assertErrorPage(hop, 400, 'invalid_request');
    });
  });

  describe(`security: rotated refresh tokens after a restart (${kind})`, () => {
    // AS-15: Keycloak CVE-2026-9802 — after a restart, rotated refresh tokens must still be refused.
    test('AS-15: a rotated refresh token replayed after a server restart → invalid_grant, and the family dies', async () => {
      const first = await startTestServer(kind);
      const client = await createClient(first.adminUrl, CLIENT);
      let tokens: Record<string, string>;
      let rotated: Record<string, string>;
      try {
        tokens = await obtainTokens(first, client, REDIRECT);
        const res = await refresh(first, client, tokens.refresh_token);
        assert.equal(res.status, 200);
        rotated = res.body;
      } finally {
        await first.close();
      }
      // Let the client side notice the closed keep-alive sockets before new requests reuse the pool.
      await new Promise((r) => setTimeout(r, 100));
      const logs: Array<Record<string, unknown>> = [];
      const server = await startServer(first.config, { logger: createLogger(first.config, { write: (l: string) => void logs.push(JSON.parse(l)) }) });
      const again: TestServer = { ...first, server, logs, close: () => server.close() };
      try {
        assert.equal(await isActive(again, rotated.refresh_token), true, 'control: state survived the restart');
        const replay = await refresh(again, client, tokens.refresh_token);
        assert.equal(replay.status, 400);
        assert.equal(replay.body.error, 'invalid_grant');
        assert.equal((await refresh(again, client, rotated.refresh_token)).body.error, 'invalid_grant');
        assert.equal(await isActive(again, rotated.access_token), false);
      } finally {
        await again.close();
      }
    });
  });

  describe(`security: introspection needs the admin credential when one is configured (${kind})`, () => {
    const KEY = 'admin-key-0123456789abcdef0123456789';
    let olympus: TestServer;
    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, serve: { ...c.serve, admin: { ...c.serve.admin, apiKeys: [KEY] } } }));
    });
    after(() => olympus?.close());

    // AS-33: RFC 7662 §2.1 — the endpoint MUST require authorization, against token scanning.
    test('AS-33: introspection without the admin API key → 401; with it → 200', async () => {
      const call = (headers: Record<string, string>) => fetch(`${olympus.adminUrl}/admin/oauth2/introspect`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'token=ory_at_x',
      });
      assert.equal((await call({})).status, 401);
      assert.equal((await call({ authorization: 'Bearer wrong-key' })).status, 401);
      const ok = await call({ authorization: `Bearer ${KEY}` });
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { active: false });
    });
  });
}
