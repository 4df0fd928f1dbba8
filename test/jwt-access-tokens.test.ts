/**
 * JWT access tokens (RFC 9068) for clients with access_token_strategy "jwt": verifiable against the
 * published JWKS, still introspectable and revocable; other clients keep opaque `ory_at_` tokens.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { createClient, tokenRequest } from './support/flow.ts';
import { clientAuth, freshSubject, introspect, refresh, signIn, type RegisteredClient } from './support/sessions.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const API = 'https://api.example';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`JWT access tokens (${kind})`, () => {
    let olympus: TestServer;
    let jwtClient: RegisteredClient;
    let opaqueClient: RegisteredClient;

    const register = async (extra: Record<string, unknown>): Promise<RegisteredClient> => ({
      ...(await createClient(olympus.adminUrl, {
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], scope: 'openid offline_access email',
        redirect_uris: [REDIRECT], audience: [API], ...extra,
      })),
      redirectUri: REDIRECT,
    });

    before(async () => {
      olympus = await startTestServer(kind);
      jwtClient = await register({ access_token_strategy: 'jwt' });
      opaqueClient = await register({});
    });
    after(() => olympus?.close());

    const jwks = () => createRemoteJWKSet(new URL(`${olympus.publicUrl}/.well-known/jwks.json`));

    const revoke = async (client: RegisteredClient, token: string) => {
      const res = await fetch(`${olympus.publicUrl}/oauth2/revoke`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...clientAuth(client) }, body: new URLSearchParams({ token }),
      });
      assert.equal(res.status, 200);
    };

    test('a jwt client gets an at+jwt that verifies against the JWKS with the grant in its claims', async () => {
      const subject = freshSubject('jwt');
      const { tokens } = await signIn(olympus, jwtClient, new Browser(), {
        subject, scope: 'openid offline_access email', params: { audience: API }, accessTokenClaims: { tier: 'gold', roles: ['admin'] },
      });
      const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks(), { issuer: olympus.publicUrl, audience: API, typ: 'at+jwt' });
      assert.equal(protectedHeader.typ, 'at+jwt');
      assert.equal(typeof protectedHeader.kid, 'string');
      assert.equal(payload.sub, subject);
      assert.equal(payload.client_id, jwtClient.client_id);
      assert.deepEqual(payload.aud, [API]);
      assert.deepEqual(payload.scp, ['openid', 'offline_access', 'email']);
      assert.deepEqual(payload.ext, { tier: 'gold', roles: ['admin'] });
      assert.equal(typeof payload.jti, 'string');
      assert.equal(payload.exp, payload.iat! + tokens.expires_in, 'exp matches expires_in');

      const active = await introspect(olympus.adminUrl, tokens.access_token);
      assert.equal(active.active, true);
      assert.equal(active.sub, subject);
      assert.equal(active.client_id, jwtClient.client_id);
      assert.equal(active.token_use, 'access_token');
      assert.deepEqual(active.ext, { tier: 'gold', roles: ['admin'] });

      await revoke(jwtClient, tokens.access_token);
      assert.deepEqual(await introspect(olympus.adminUrl, tokens.access_token), { active: false }, 'a revoked JWT introspects inactive');
    });

    test('a refreshed jwt access token is a new JWT with the same claims; the old one introspects inactive', async () => {
      const { tokens } = await signIn(olympus, jwtClient, new Browser(), { subject: freshSubject('jwt-refresh'), accessTokenClaims: { tier: 'gold' } });
      const next = await refresh(olympus.publicUrl, jwtClient, tokens.refresh_token!);
      assert.equal(next.status, 200, JSON.stringify(next.body));
      const { payload } = await jwtVerify(next.body.access_token, jwks(), { issuer: olympus.publicUrl, typ: 'at+jwt' });
      assert.deepEqual(payload.ext, { tier: 'gold' });
      assert.match(next.body.refresh_token, /^ory_rt_/, 'refresh tokens stay opaque');
      assert.equal((await introspect(olympus.adminUrl, tokens.access_token)).active, false);
      assert.equal((await introspect(olympus.adminUrl, next.body.access_token)).active, true);
    });

    test('client credentials for a jwt client also yield an at+jwt whose subject is the client', async () => {
      const res = await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials', scope: 'email' }, clientAuth(jwtClient));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const { payload } = await jwtVerify(res.body.access_token, jwks(), { issuer: olympus.publicUrl, typ: 'at+jwt' });
      assert.equal(payload.sub, jwtClient.client_id);
      assert.equal(payload.client_id, jwtClient.client_id);
      assert.deepEqual(payload.scp, ['email']);
    });

    test('a client without the jwt strategy gets an opaque ory_at_ token', async () => {
      const { tokens } = await signIn(olympus, opaqueClient, new Browser(), { subject: freshSubject('opaque') });
      assert.match(tokens.access_token, /^ory_at_/);
      assert.throws(() => decodeProtectedHeader(tokens.access_token));
      assert.equal((await introspect(olympus.adminUrl, tokens.access_token)).active, true);
    });

    test('a JWT access token with a changed payload is not introspected active', async () => {
      const { tokens } = await signIn(olympus, jwtClient, new Browser(), { subject: freshSubject('tamper') });
      const [header, payload, signature] = tokens.access_token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${signature}`;
      assert.deepEqual(await introspect(olympus.adminUrl, forged), { active: false });
    });
  });
}
