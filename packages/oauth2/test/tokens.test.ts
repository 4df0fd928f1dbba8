import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { KEY_SETS } from '../src/context.ts';
import { clientWithDefaults } from '../src/clients/defaults.ts';
import { handleTokenRequest } from '../src/grants/token-endpoint.ts';
import { introspectToken } from '../src/introspection.ts';
import { handleRevocationRequest } from '../src/revocation.ts';
import { leftHalfHash } from '../src/tokens/at-hash.ts';
import { signIdToken } from '../src/tokens/id-token.ts';
import { lifespansFor } from '../src/tokens/lifespan.ts';
import { grantSession, ISSUER, makeHarness, REDIRECT_URI, seedCode, T0, testConfig, type Harness } from './tokens-fakes.ts';

const SECRET = 'secret-0123456789abcdef';

const codeExchange = async (h: Harness, clientId: string) => {
  const seeded = await seedCode(h, clientId);
  return handleTokenRequest(h.ctx, {
    params: {
      grant_type: 'authorization_code', client_id: clientId, client_secret: SECRET, code: seeded.code,
      redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier,
    },
    authorization: undefined,
    requestId: 'r',
  });
};

const addClient = (h: Harness, clientId: string, strategy: '' | 'jwt' | 'opaque') =>
  h.clients.add(
    { client_id: clientId, token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'refresh_token'], access_token_strategy: strategy },
    SECRET,
  );

describe('JWT access tokens (RFC 9068)', () => {
  test('a jwt client gets a signed at+jwt with Hydra claims, and introspection and revocation work on it', async () => {
    const h = await makeHarness();
    await addClient(h, 'jwt-app', 'jwt');
    const res = await codeExchange(h, 'jwt-app');
    const header = decodeProtectedHeader(res.access_token);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(header.kid, (await h.keys.signingKey(KEY_SETS.accessToken)).kid);
    const { payload } = await jwtVerify(res.access_token, createLocalJWKSet({ keys: await h.keys.verificationKeys(KEY_SETS.accessToken) }), {
      issuer: ISSUER,
      typ: 'at+jwt',
      currentDate: new Date(T0),
    });
    assert.equal(payload.sub, 'user-1');
    assert.equal(payload.client_id, 'jwt-app');
    assert.deepEqual(payload.aud, ['https://api.example']);
    assert.deepEqual(payload.scp, ['openid', 'offline_access', 'email']);
    assert.deepEqual(payload.ext, { tenant: 't1' });
    assert.equal(payload.exp, Math.floor(T0 / 1000) + 900);
    assert.equal(payload.nbf, payload.iat);
    assert.equal(typeof payload.jti, 'string');

    // at_hash of the ID token covers the JWT as sent.
    const idToken = decodeJwt(res.id_token ?? '');
    assert.equal(idToken.at_hash, createHash('sha256').update(res.access_token).digest().subarray(0, 16).toString('base64url'));

    const info = await introspectToken(h.ctx, { token: res.access_token, scope: undefined });
    assert.equal(info.active, true);
    assert.equal(info.token_use, 'access_token');
    await handleRevocationRequest(h.ctx, { params: { client_id: 'jwt-app', client_secret: SECRET, token: res.access_token }, authorization: undefined, requestId: 'r' });
    assert.deepEqual(await introspectToken(h.ctx, { token: res.access_token, scope: undefined }), { active: false });
  });

  test('an empty client strategy follows the global one; an explicit client strategy wins', async () => {
    const h = await makeHarness({ oauth2: { accessTokenStrategy: 'jwt' } });
    await addClient(h, 'follows', '');
    await addClient(h, 'opaque-app', 'opaque');
    assert.equal((await codeExchange(h, 'follows')).access_token.split('.').length, 3);
    assert.match((await codeExchange(h, 'opaque-app')).access_token, /^ory_at_/);
  });
});

describe('ID tokens (OIDC Core §2, §3.1.3.6)', () => {
  test('ES256: kid in the header and at_hash is the left half of SHA-256 (AS-38)', async () => {
    const h = await makeHarness({ alg: 'ES256' });
    const accessToken = 'ory_at_example-access-token';
    const jwt = await signIdToken(h.ctx, { session: grantSession('app'), accessToken, nonce: 'n-1', lifetimeMs: 60_000 });
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(await h.keys.publicJwks()), { currentDate: new Date(T0) });
    assert.equal(protectedHeader.alg, 'ES256');
    assert.equal(protectedHeader.kid, (await h.keys.signingKey(KEY_SETS.idToken)).kid);
    assert.equal(payload.at_hash, createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url'));
    assert.equal(payload.nonce, 'n-1');
    assert.equal(payload.exp, Math.floor(T0 / 1000) + 60);
  });

  test('consent claims never override the claims the server sets', async () => {
    const h = await makeHarness();
    const session = grantSession('app', {
      idTokenClaims: { sub: 'admin', iss: 'https://evil.example', aud: ['evil'], nonce: 'forged', sid: 'x', name: 'Ada' },
      nonce: '',
    });
    const payload = decodeJwt(await signIdToken(h.ctx, { session, accessToken: 'ory_at_x', nonce: '', lifetimeMs: 60_000 }));
    assert.equal(payload.sub, 'user-1');
    assert.equal(payload.iss, ISSUER);
    assert.deepEqual(payload.aud, ['app']);
    assert.equal(payload.nonce, undefined);
    assert.equal(payload.sid, 'sid-1');
    assert.equal(payload.name, 'Ada');
  });

  test('leftHalfHash follows the alg size (SHA-384 for *384, SHA-512 for *512)', () => {
    assert.equal(Buffer.from(leftHalfHash('t', 'RS256'), 'base64url').length, 16);
    assert.equal(Buffer.from(leftHalfHash('t', 'PS384'), 'base64url').length, 24);
    assert.equal(Buffer.from(leftHalfHash('t', 'ES512'), 'base64url').length, 32);
    assert.equal(leftHalfHash('t', 'ES384'), createHash('sha384').update('t').digest().subarray(0, 24).toString('base64url'));
  });
});

describe('lifespans', () => {
  const ttl = testConfig().ttl;

  test('per-grant client lifespans (Go durations) override ttl.*, else the global value', () => {
    const client = clientWithDefaults(
      { authorization_code_grant_access_token_lifespan: '1h30m', authorization_code_grant_id_token_lifespan: '90s', client_credentials_grant_access_token_lifespan: '2m' },
      T0,
    );
    assert.deepEqual(lifespansFor(client, 'authorization_code', ttl), { accessToken: 5_400_000, refreshToken: ttl.refreshToken, idToken: 90_000 });
    assert.equal(lifespansFor(client, 'client_credentials', ttl).accessToken, 120_000);
    assert.deepEqual(lifespansFor(client, 'refresh_token', ttl), { accessToken: ttl.accessToken, refreshToken: ttl.refreshToken, idToken: ttl.idToken });
  });

  test('a malformed lifespan falls back to the global value', () => {
    const client = { ...clientWithDefaults({}, T0), client_credentials_grant_access_token_lifespan: 'soon' };
    assert.equal(lifespansFor(client, 'client_credentials', ttl).accessToken, ttl.accessToken);
  });
});
