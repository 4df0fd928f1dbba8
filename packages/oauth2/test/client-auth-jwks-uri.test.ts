/**
 * private_key_jwt with keys at the client's jwks_uri (RFC 7591 §2, RFC 7523 §2.2): the fetched set
 * verifies, it is cached per client_id + jwks_uri for 5 minutes, an unknown kid refetches at most
 * once per 30 s, and fetch failures are invalid_client naming the cause. The fetcher is faked here;
 * the real one is tested in packages/http/test and end to end in test/private-key-jwt-jwks-uri.test.ts.
 */
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { authenticateClient } from '../src/client-auth/authenticate.ts';
import { JWT_BEARER_ASSERTION_TYPE } from '../src/client-auth/private-key-jwt.ts';
import { JWKS_CACHE_TTL_MS, JWKS_REFETCH_INTERVAL_MS } from '../src/client-auth/remote-jwks.ts';
import { InvalidClient } from '../src/errors.ts';
import { ISSUER, makeHarness, type Harness } from './tokens-fakes.ts';

const TOKEN_URL = `${ISSUER}/oauth2/token`;
const JWKS_URI = 'https://app.example/jwks.json';
const ID = 'remote-app';

interface SigningPair {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

const newKey = async (kid: string): Promise<SigningPair> => {
  const pair = await generateKeyPair('ES256');
  return { kid, privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' } };
};

let h: Harness;
let k1: SigningPair;

beforeEach(async () => {
  h = await makeHarness();
  k1 = await newKey('k1');
  await h.clients.add({ client_id: ID, token_endpoint_auth_method: 'private_key_jwt', jwks_uri: JWKS_URI });
  h.jwksServer.documents.set(JWKS_URI, { keys: [k1.jwk] });
});

const authenticate = async (key: SigningPair, clientId = ID) => {
  const now = Math.floor(h.clock.now / 1000);
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(TOKEN_URL)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .setJti(randomUUID())
    .sign(key.privateKey);
  const body = { client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: jwt };
  return authenticateClient(h.ctx, { authorization: undefined, body, endpointUrl: TOKEN_URL });
};

const refusedWith = async (promise: Promise<unknown>, hint: RegExp) => {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof InvalidClient, `expected InvalidClient, got ${String(err)}`);
    assert.match(err.hint, hint);
    return true;
  });
};

describe('private_key_jwt with jwks_uri', () => {
  test('an assertion signed with a key from the fetched set authenticates the client', async () => {
    assert.equal((await authenticate(k1)).client_id, ID);
    assert.deepEqual(h.jwksServer.fetched, [JWKS_URI]);
  });

  test('the set is fetched once and reused for 5 minutes, then fetched again', async () => {
    await authenticate(k1);
    h.clock.now += JWKS_CACHE_TTL_MS - 1;
    await authenticate(k1);
    assert.equal(h.jwksServer.fetched.length, 1);
    h.clock.now += 1;
    await authenticate(k1);
    assert.equal(h.jwksServer.fetched.length, 2);
  });

  test('the cache is per client: another client with the same jwks_uri fetches its own copy', async () => {
    await h.clients.add({ client_id: 'twin', token_endpoint_auth_method: 'private_key_jwt', jwks_uri: JWKS_URI });
    await authenticate(k1);
    await authenticate(k1, 'twin');
    assert.equal(h.jwksServer.fetched.length, 2);
  });

  test('a new kid at the client is picked up by one refetch (key rotation)', async () => {
    await authenticate(k1);
    const k2 = await newKey('k2');
    h.jwksServer.documents.set(JWKS_URI, { keys: [k1.jwk, k2.jwk] });
    assert.equal((await authenticate(k2)).client_id, ID);
    assert.equal(h.jwksServer.fetched.length, 2);
  });

  test('concurrent assertions with the new kid share one refetch and all succeed', async () => {
    await authenticate(k1);
    const k2 = await newKey('k2');
    h.jwksServer.documents.set(JWKS_URI, { keys: [k2.jwk] });
    const clients = await Promise.all([authenticate(k2), authenticate(k2), authenticate(k2)]);
    assert.deepEqual(clients.map((c) => c.client_id), [ID, ID, ID]);
    assert.equal(h.jwksServer.fetched.length, 2);
  });

  test('unknown kids refetch at most once per 30 s, then fail naming the kid', async () => {
    await authenticate(k1);
    const stranger = await newKey('forged');
    await refusedWith(authenticate(stranger), /It names kid "forged", which the client's jwks_uri "https:\/\/app\.example\/jwks\.json" does not contain/);
    await refusedWith(authenticate(stranger), /signature does not verify with any key in the client's jwks_uri/);
    assert.equal(h.jwksServer.fetched.length, 2, 'the second unknown kid within 30 s must not refetch');
    h.clock.now += JWKS_REFETCH_INTERVAL_MS;
    await refusedWith(authenticate(stranger), /kid "forged"/);
    assert.equal(h.jwksServer.fetched.length, 3);
  });

  test('a known kid with a bad signature does not refetch', async () => {
    await authenticate(k1);
    const impostor = { ...(await newKey('k1')) };
    await refusedWith(authenticate(impostor), /^The client assertion's signature does not verify with any key in the client's jwks_uri "[^"]+"\.$/);
    assert.equal(h.jwksServer.fetched.length, 1);
  });

  test('a fetch failure is invalid_client whose hint names the URL and the cause', async () => {
    h.jwksServer.documents.set(JWKS_URI, 'answered HTTP 500 instead of 200');
    await refusedWith(authenticate(k1), /^The jwks_uri "https:\/\/app\.example\/jwks\.json" of client "remote-app" answered HTTP 500 instead of 200\.$/);
  });

  test('a failed fetch is retried only after 30 s, so bad assertions cannot hammer the client', async () => {
    h.jwksServer.documents.set(JWKS_URI, 'did not answer within 3 s');
    await refusedWith(authenticate(k1), /did not answer within 3 s/);
    h.jwksServer.documents.set(JWKS_URI, { keys: [k1.jwk] });
    await refusedWith(authenticate(k1), /did not answer within 3 s/);
    assert.equal(h.jwksServer.fetched.length, 1);
    h.clock.now += JWKS_REFETCH_INTERVAL_MS;
    assert.equal((await authenticate(k1)).client_id, ID);
  });

  test('a fetched document jose cannot read as a JWK Set is invalid_client', async () => {
    h.jwksServer.documents.set(JWKS_URI, { keys: 'none' } as never);
    await refusedWith(authenticate(k1), /key set in the client's jwks_uri "[^"]+" is not a valid JWK Set/);
  });
});
