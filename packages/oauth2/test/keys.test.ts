import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWK } from 'jose';
import { Sealer } from '@olympus/crypto';
import { InvalidRequest, KEY_SETS, KeyRing, NotFound, type KeyStore } from '@olympus/oauth2';
import { memoryOAuth2Storage } from './memory-stores.ts';

const MINUTE = 60_000;
const PUBLISH_AHEAD = 10 * MINUTE;
const RETAIN = 70 * MINUTE;

let store: KeyStore;
let sealer: Sealer;
let clock: number;
let ring: KeyRing;

const newRing = (idTokenAlg: 'RS256' | 'ES256' = 'RS256') =>
  new KeyRing({ store, sealer, idTokenAlg, publishAhead: PUBLISH_AHEAD, retainAfterRetire: RETAIN, now: () => clock });

beforeEach(async () => {
  store = (await memoryOAuth2Storage()).keys;
  sealer = new Sealer(['k'.repeat(32)]);
  clock = Date.UTC(2026, 0, 1);
  ring = newRing();
});

const sign = async (set: string) => {
  const { key, kid, alg } = await ring.signingKey(set);
  return new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg, kid }).setIssuer('https://issuer.test').sign(key);
};

const verifiesAgainstJwks = async (jwt: string): Promise<boolean> => {
  const jwks = createLocalJWKSet(await ring.publicJwks());
  try {
    await jwtVerify(jwt, jwks, { issuer: 'https://issuer.test', currentDate: new Date(clock) });
    return true;
  } catch {
    return false;
  }
};

/** Every key in the store, whatever its set. */
const allKeys = async () => (await Promise.all((await store.listKeySets()).map((set) => store.listKeys(set)))).flat();

const kids = async (): Promise<string[]> => (await ring.publicJwks()).keys.map((k) => k.kid ?? '');

describe('first start', () => {
  test('creates one active key in each default set, with the configured ID token algorithm', async () => {
    ring = newRing('ES256');
    await ring.ensureDefaultKeys();
    const idKeys = await store.listKeys(KEY_SETS.idToken);
    const atKeys = await store.listKeys(KEY_SETS.accessToken);
    assert.equal(idKeys.length, 1);
    assert.equal(atKeys.length, 1);
    assert.equal(idKeys[0].alg, 'ES256');
    assert.equal(atKeys[0].alg, 'RS256');
    assert.equal(idKeys[0].activatesAt, idKeys[0].createdAt);
    assert.equal((await ring.signingKey(KEY_SETS.idToken)).kid, idKeys[0].kid);

    await ring.ensureDefaultKeys(); // a restart adds nothing
    assert.equal((await allKeys()).length, 2);
  });

  test('every published key has kid, alg and use, and no private member', async () => {
    await ring.ensureDefaultKeys();
    const { keys } = await ring.publicJwks();
    assert.equal(keys.length, 2);
    for (const key of keys) {
      assert.ok(key.kid && key.alg && key.use === 'sig', JSON.stringify(key));
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) assert.equal(key[member as keyof JWK], undefined, member);
    }
  });

  test('the private key is stored sealed, bound to its set and kid', async () => {
    await ring.ensureDefaultKeys();
    const [stored] = await store.listKeys(KEY_SETS.idToken);
    assert.equal(stored.publicJwk.d, undefined);
    const opened = JSON.parse(sealer.open(stored.privateSealed, `jwk:${KEY_SETS.idToken}:${stored.kid}`) ?? '{}') as JWK;
    assert.equal(opened.kid, stored.kid);
    assert.equal(opened.n, stored.publicJwk.n);
    assert.ok(opened.d, 'the sealed JWK carries the private exponent');
    assert.ok(!JSON.stringify(stored).includes(opened.d), 'the private exponent appears nowhere in plain');
    assert.equal(sealer.open(stored.privateSealed, `jwk:${KEY_SETS.accessToken}:${stored.kid}`), undefined);
  });

  test('two nodes starting at once both end up with keys the other verifies', async () => {
    const a = newRing();
    const b = newRing();
    await Promise.all([a.ensureDefaultKeys(), b.ensureDefaultKeys()]);
    assert.ok((await store.listKeys(KEY_SETS.idToken)).length <= 2);
    ring = a;
    const fromA = await sign(KEY_SETS.idToken);
    ring = b;
    const fromB = await sign(KEY_SETS.idToken);
    assert.ok(await verifiesAgainstJwks(fromA));
    assert.ok(await verifiesAgainstJwks(fromB));
  });

  test('a deleted default set is recreated when a key is needed', async () => {
    await ring.ensureDefaultKeys();
    await ring.deleteKeySet(KEY_SETS.accessToken);
    const jwt = await sign(KEY_SETS.accessToken);
    assert.ok(await verifiesAgainstJwks(jwt));
  });
});

describe('rotation (OIDC Core §10.1.1, AS-42)', () => {
  test('a new key is published before it signs, then signs; the old key verifies until retired', async () => {
    await ring.ensureDefaultKeys();
    const oldKid = (await ring.signingKey(KEY_SETS.idToken)).kid;
    const oldToken = await sign(KEY_SETS.idToken);

    const created = await ring.createKey(KEY_SETS.idToken, { alg: 'RS256', use: 'sig' });
    const newKid = created.kid ?? '';
    assert.equal(created.d, undefined, 'default sets never show private parts');

    // Published at once, but not signing yet.
    assert.ok((await kids()).includes(newKid));
    assert.equal((await ring.signingKey(KEY_SETS.idToken)).kid, oldKid);

    clock += PUBLISH_AHEAD - 1;
    assert.equal((await ring.signingKey(KEY_SETS.idToken)).kid, oldKid);
    clock += 1;
    const newToken = await sign(KEY_SETS.idToken);
    assert.equal(decodeProtectedHeader(newToken).kid, newKid);

    // The old key is still published, so what it signed still verifies.
    assert.ok((await kids()).includes(oldKid));
    assert.ok(await verifiesAgainstJwks(oldToken));
    assert.ok(await verifiesAgainstJwks(newToken));

    clock += RETAIN - 1;
    assert.ok(await verifiesAgainstJwks(oldToken));
    clock += 1;
    assert.ok(!(await kids()).includes(oldKid), 'retired after retainAfterRetire');
    assert.equal(await verifiesAgainstJwks(oldToken), false);
    assert.ok((await kids()).includes(newKid));
  });

  test('verificationKeys of a set follow the same schedule', async () => {
    await ring.ensureDefaultKeys();
    await ring.createKey(KEY_SETS.accessToken, { alg: 'ES256', use: 'sig' });
    assert.equal((await ring.verificationKeys(KEY_SETS.accessToken)).length, 2);
    clock += PUBLISH_AHEAD + RETAIN;
    const left = await ring.verificationKeys(KEY_SETS.accessToken);
    assert.deepEqual(left.map((k) => k.alg), ['ES256']);
  });

  test('another node sees a rotation within 30 seconds, this node at once', async () => {
    await ring.ensureDefaultKeys();
    const other = newRing();
    const before = (await other.signingKey(KEY_SETS.accessToken)).kid;
    await ring.deleteKeySet(KEY_SETS.accessToken);
    await ring.importKeySet(KEY_SETS.accessToken, { keys: [await makeJwk('fresh')] });
    assert.equal((await ring.signingKey(KEY_SETS.accessToken)).kid, 'fresh');
    assert.equal((await other.signingKey(KEY_SETS.accessToken)).kid, before, 'cached');
    clock += 30_000;
    assert.equal((await other.signingKey(KEY_SETS.accessToken)).kid, 'fresh');
  });

  test('deleting the active key falls back to a published key', async () => {
    await ring.ensureDefaultKeys();
    const first = (await ring.signingKey(KEY_SETS.idToken)).kid;
    const pending = (await ring.createKey(KEY_SETS.idToken, { alg: 'ES256', use: 'sig' })).kid ?? '';
    await ring.deleteKey(KEY_SETS.idToken, first);
    assert.equal((await ring.signingKey(KEY_SETS.idToken)).kid, pending);
    assert.ok(await verifiesAgainstJwks(await sign(KEY_SETS.idToken)));
  });

  test('after a secrets.system rotation that keeps the old secret, sealed keys still open', async () => {
    await ring.ensureDefaultKeys();
    const kid = (await ring.signingKey(KEY_SETS.idToken)).kid;
    sealer = new Sealer(['n'.repeat(32), 'k'.repeat(32)]);
    ring = newRing();
    assert.equal((await ring.signingKey(KEY_SETS.idToken)).kid, kid);
    sealer = new Sealer(['n'.repeat(32)]);
    ring = newRing();
    await assert.rejects(ring.signingKey(KEY_SETS.idToken), (err: Error) => err.name !== 'TypeError' && /cannot be unsealed/.test((err as { debug?: string }).debug ?? ''));
  });
});

const makeJwk = async (kid: string, alg: 'RS256' | 'ES256' | 'HS256' = 'ES256'): Promise<JWK> => {
  const helper = new KeyRing({ store: (await memoryOAuth2Storage()).keys, sealer, idTokenAlg: 'RS256', publishAhead: 0, retainAfterRetire: 0, now: () => clock });
  return helper.createKey('scratch', { alg, kid, use: 'sig' });
};

describe('admin operations', () => {
  test('a key created in a custom set is shown once with its private part, then only public', async () => {
    const created = await ring.createKey('my-app', { alg: 'ES256', kid: 'app-1', use: 'sig' });
    assert.ok(created.d, 'private part in the create response');
    const listed = await ring.listKeySet('my-app');
    assert.deepEqual(listed.map((k) => k.kid), ['app-1']);
    assert.equal(listed[0].d, undefined);
    assert.equal((await ring.getKey('my-app', 'app-1')).x, created.x);
    assert.ok(!(await kids()).includes('app-1'), 'custom sets are not in the public JWKS');
  });

  test('supports RS512, ES512, EdDSA and HMAC keys', async () => {
    for (const alg of ['RS512', 'ES512', 'EdDSA', 'HS256', 'HS512']) {
      const key = await ring.createKey('algs', { alg, use: 'sig' });
      assert.equal(key.alg, alg);
      const signer = await ring.signingKey('algs');
      assert.equal(signer.kid, (await store.listKeys('algs'))[0].kid, 'the first key keeps signing');
    }
    const listed = await ring.listKeySet('algs');
    assert.equal(listed.find((k) => k.alg === 'HS256')?.k, undefined, 'HMAC secrets are never listed');
  });

  test('an unsupported algorithm is refused, naming the supported ones', async () => {
    await assert.rejects(ring.createKey('x', { alg: 'none', use: 'sig' }), (err: unknown) => {
      assert.ok(err instanceof InvalidRequest);
      assert.match(err.hint, /RS256, RS512, ES256, ES512, EdDSA, HS256, HS512/);
      return true;
    });
  });

  test('default sets refuse HMAC and encryption keys', async () => {
    await assert.rejects(ring.createKey(KEY_SETS.idToken, { alg: 'HS256', use: 'sig' }), InvalidRequest);
    await assert.rejects(ring.createKey(KEY_SETS.accessToken, { alg: 'RS256', use: 'enc' }), InvalidRequest);
  });

  test('unknown sets and keys are not found', async () => {
    await assert.rejects(ring.listKeySet('nope'), NotFound);
    await assert.rejects(ring.getKey('nope', 'x'), NotFound);
    await assert.rejects(ring.deleteKey('nope', 'x'), NotFound);
    await assert.rejects(ring.deleteKeySet('nope'), NotFound);
  });

  test('a duplicate kid is a conflict', async () => {
    await ring.createKey('dup', { alg: 'ES256', kid: 'same', use: 'sig' });
    await assert.rejects(ring.createKey('dup', { alg: 'ES256', kid: 'same', use: 'sig' }), (err: Error & { status?: number }) => err.status === 409);
  });

  test('imports a private JWK, stores it sealed and signs with it', async () => {
    await ring.ensureDefaultKeys();
    const jwk = await makeJwk('imported');
    await ring.importKeySet(KEY_SETS.idToken, { keys: [jwk] });
    const [stored] = await store.listKeys(KEY_SETS.idToken);
    assert.equal(stored.kid, 'imported');
    assert.ok(!stored.privateSealed.includes(String(jwk.d)));
    const token = await sign(KEY_SETS.idToken);
    assert.equal(decodeProtectedHeader(token).kid, 'imported');
    assert.ok(await verifiesAgainstJwks(token));
  });

  test('imports a public key for verification only', async () => {
    await ring.ensureDefaultKeys();
    const { d: _d, ...publicJwk } = await makeJwk('partner');
    await ring.importKey(KEY_SETS.accessToken, 'partner', publicJwk);
    assert.ok((await kids()).includes('partner'));
    assert.notEqual((await ring.signingKey(KEY_SETS.accessToken)).kid, 'partner');
  });

  test('refuses malformed imports', async () => {
    const jwk = await makeJwk('a');
    await assert.rejects(ring.importKey('s', 'b', jwk), /differs from the kid/);
    await assert.rejects(ring.importKey('s', 'a', { ...jwk, x: 'AAAA' }), InvalidRequest);
    await assert.rejects(ring.importKey('s', 'a', { ...jwk, alg: 'RS256' }), InvalidRequest);
    await assert.rejects(ring.importKey('s', 'h', { kty: 'oct', k: 'c2hvcnQ', alg: 'HS256', use: 'sig' }), /too short/);
    await assert.rejects(ring.importKeySet('s', { keys: [] }), InvalidRequest);
    await assert.rejects(ring.importKeySet('s', [jwk]), InvalidRequest);
  });
});
