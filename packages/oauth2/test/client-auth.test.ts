import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { authenticateClient } from '../src/client-auth/authenticate.ts';
import type { ClientAuthRequest } from '../src/client-auth/method.ts';
import { JWT_BEARER_ASSERTION_TYPE } from '../src/client-auth/private-key-jwt.ts';
import { InvalidClient, InvalidRequest, OAuth2Error } from '../src/errors.ts';
import { basic, ISSUER, makeHarness, T0, type Harness } from './tokens-fakes.ts';

const TOKEN_URL = `${ISSUER}/oauth2/token`;
const SECRET = 'a-generated-secret-with+special/chars=%';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  await h.clients.add({ client_id: 'basic-app', token_endpoint_auth_method: 'client_secret_basic' }, SECRET);
  await h.clients.add({ client_id: 'post-app', token_endpoint_auth_method: 'client_secret_post' }, SECRET);
  await h.clients.add({ client_id: 'spa', token_endpoint_auth_method: 'none' });
});

const req = (body: Record<string, string>, authorization?: string): ClientAuthRequest => ({ authorization, body, endpointUrl: TOKEN_URL });

const rejects = async (promise: Promise<unknown>, type: new (...args: never[]) => OAuth2Error, hint: string | RegExp) => {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    if (typeof hint === 'string') assert.equal((err as OAuth2Error).hint, hint);
    else assert.match((err as OAuth2Error).hint, hint);
    return true;
  });
};

describe('client_secret_basic (RFC 6749 §2.3.1)', () => {
  test('form-urlencoded id and secret in the Authorization header authenticate the client', async () => {
    const client = await authenticateClient(h.ctx, req({}, basic('basic-app', SECRET)));
    assert.equal(client.client_id, 'basic-app');
  });

  test('a secret Base64-encoded without form-urlencoding first is refused when it has reserved characters', async () => {
    const raw = `Basic ${Buffer.from(`basic-app:${SECRET}`).toString('base64')}`;
    // "%" not followed by two hex digits cannot be form-decoded.
    await rejects(authenticateClient(h.ctx, req({}, raw)), InvalidRequest, /form-urlencode the client id and secret/i);
  });

  test('a wrong secret is invalid_client with a generic description and a hint that says why', async () => {
    await assert.rejects(authenticateClient(h.ctx, req({}, basic('basic-app', 'wrong'))), (err: unknown) => {
      assert.ok(err instanceof InvalidClient);
      assert.equal(err.status, 401);
      assert.match(err.description, /^Client authentication failed/);
      assert.match(err.hint, /^The client secret does not match the secret registered for client "basic-app"\./);
      return true;
    });
  });

  test('an unknown client is invalid_client naming the id', async () => {
    await rejects(authenticateClient(h.ctx, req({}, basic('nobody', SECRET))), InvalidClient, 'No client with id "nobody" is registered.');
  });

  test('a body client_id that differs from the header is invalid_request', async () => {
    await rejects(authenticateClient(h.ctx, req({ client_id: 'post-app' }, basic('basic-app', SECRET))), InvalidRequest, /header names "basic-app"/);
  });

  test('a malformed Basic header is invalid_request', async () => {
    await rejects(authenticateClient(h.ctx, req({}, 'Basic bm9jb2xvbg==')), InvalidRequest, /Authorization: Basic/);
  });
});

describe('client_secret_post and none', () => {
  test('client_secret_post authenticates with the body credentials', async () => {
    const client = await authenticateClient(h.ctx, req({ client_id: 'post-app', client_secret: SECRET }));
    assert.equal(client.client_id, 'post-app');
  });

  test('an empty client_secret is refused', async () => {
    await rejects(authenticateClient(h.ctx, req({ client_id: 'post-app', client_secret: '' })), InvalidClient, /empty client secret/);
  });

  test('a public client identifies itself with client_id only', async () => {
    const client = await authenticateClient(h.ctx, req({ client_id: 'spa' }));
    assert.equal(client.client_id, 'spa');
  });

  test('no credentials at all is invalid_client', async () => {
    await rejects(authenticateClient(h.ctx, req({})), InvalidClient, /no client credentials/);
  });
});

describe('registered method versus the method used', () => {
  test('a basic client sending post credentials gets a hint that names both methods and the fix', async () => {
    await rejects(
      authenticateClient(h.ctx, req({ client_id: 'basic-app', client_secret: SECRET })),
      InvalidClient,
      'The client is registered with client_secret_basic but the request used client_secret_post: send the credentials in the Authorization header (HTTP Basic), or register the client with token_endpoint_auth_method=client_secret_post.',
    );
  });

  test('a confidential client sending only client_id is told it used none', async () => {
    await rejects(authenticateClient(h.ctx, req({ client_id: 'post-app' })), InvalidClient, /registered with client_secret_post but the request used none/);
  });

  test('a public client sending a secret is told it is registered with none', async () => {
    await rejects(authenticateClient(h.ctx, req({}, basic('spa', 'anything'))), InvalidClient, /registered with none but the request used client_secret_basic/);
  });

  test('two methods at once are invalid_request (RFC 6749 §2.3)', async () => {
    await rejects(
      authenticateClient(h.ctx, req({ client_id: 'basic-app', client_secret: SECRET }, basic('basic-app', SECRET))),
      InvalidRequest,
      /client_secret_basic and client_secret_post/,
    );
  });
});

describe('private_key_jwt (RFC 7523 §2.2, §3)', () => {
  let privateKey: CryptoKey;
  const id = 'jwt-app';
  const now = Math.floor(T0 / 1000);

  beforeEach(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    await h.clients.add({ client_id: id, token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [jwk] } });
  });

  const assertion = (claims: { iss?: string; sub?: string; aud?: string; exp?: number; jti?: string } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(claims.iss ?? id)
      .setSubject(claims.sub ?? id)
      .setAudience(claims.aud ?? TOKEN_URL)
      .setIssuedAt(now)
      .setExpirationTime(claims.exp ?? now + 60)
      .setJti(claims.jti ?? randomUUID())
      .sign(privateKey);

  const withAssertion = (jwt: string, extra: Record<string, string> = {}) =>
    req({ client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: jwt, ...extra });

  test('a signed assertion authenticates the client, with or without client_id in the body', async () => {
    assert.equal((await authenticateClient(h.ctx, withAssertion(await assertion()))).client_id, id);
    assert.equal((await authenticateClient(h.ctx, withAssertion(await assertion(), { client_id: id }))).client_id, id);
  });

  test('the issuer is accepted as audience', async () => {
    assert.equal((await authenticateClient(h.ctx, withAssertion(await assertion({ aud: ISSUER })))).client_id, id);
  });

  test('a replayed assertion (same jti) is invalid_client', async () => {
    const jwt = await assertion({ jti: 'once' });
    await authenticateClient(h.ctx, withAssertion(jwt));
    await rejects(authenticateClient(h.ctx, withAssertion(jwt)), InvalidClient, /^The client assertion was already used/);
  });

  test('an assertion for another audience is refused, naming the token endpoint', async () => {
    await rejects(authenticateClient(h.ctx, withAssertion(await assertion({ aud: 'https://elsewhere.example/token' }))), InvalidClient, /aud must contain the token endpoint URL "https:\/\/auth\.example\/oauth2\/token"/);
  });

  test('iss and sub must be the client id', async () => {
    await rejects(authenticateClient(h.ctx, withAssertion(await assertion({ iss: 'someone' }), { client_id: id })), InvalidClient, /iss and sub must both be the client_id/);
  });

  test('an expired assertion is refused', async () => {
    await rejects(authenticateClient(h.ctx, withAssertion(await assertion({ exp: now - 3600 }))), InvalidClient, 'The client assertion has expired.');
  });

  test('an assertion valid for more than an hour is refused (AS-29)', async () => {
    await rejects(authenticateClient(h.ctx, withAssertion(await assertion({ exp: now + 7200 }))), InvalidClient, /more than one hour/);
  });

  test('an assertion signed by another key is refused', async () => {
    const other = await generateKeyPair('ES256');
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(id).setSubject(id)
      .setAudience(TOKEN_URL).setIssuedAt(now).setExpirationTime(now + 60).setJti(randomUUID()).sign(other.privateKey);
    await rejects(authenticateClient(h.ctx, withAssertion(jwt)), InvalidClient, /signature does not verify/);
  });

  test('a wrong client_assertion_type is invalid_request', async () => {
    await rejects(authenticateClient(h.ctx, req({ client_assertion_type: 'urn:x', client_assertion: await assertion() })), InvalidRequest, /client_assertion_type "urn:x"/);
  });

  test('a client with neither jwks nor jwks_uri gets a clear error (jwks_uri: client-auth-jwks-uri.test.ts)', async () => {
    await h.clients.add({ client_id: 'keyless', token_endpoint_auth_method: 'private_key_jwt' });
    const jwt = await assertion({ iss: 'keyless', sub: 'keyless' });
    await rejects(authenticateClient(h.ctx, withAssertion(jwt)), InvalidClient, /registers neither jwks nor jwks_uri/);
  });

  test('a secret-based client sending an assertion is told about the mismatch', async () => {
    const jwt = await assertion({ iss: 'basic-app', sub: 'basic-app' });
    await rejects(authenticateClient(h.ctx, withAssertion(jwt)), InvalidClient, /registered with client_secret_basic but the request used private_key_jwt/);
  });
});
