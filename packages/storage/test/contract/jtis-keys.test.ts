import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredKey } from '@olympus/oauth2';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

forEachDatabase('jtis and keys', ({ storage }) => {
  test('a jti is accepted once per client', async () => {
    const jti = uid('jti');
    assert.equal(await storage().jtis.consumeJti('client-a', jti, NOW), true);
    assert.equal(await storage().jtis.consumeJti('client-a', jti, NOW + 1), false);
    assert.equal(await storage().jtis.consumeJti('client-b', jti, NOW), true, 'another client may use the same jti');
  });

  test('20 parallel uses of one jti: exactly one accepted', async () => {
    const jti = uid('jti');
    const results = await Promise.all(Array.from({ length: 20 }, () => storage().jtis.consumeJti('client-a', jti, NOW)));
    assert.equal(results.filter(Boolean).length, 1);
  });

  const key = (set: string, kid: string, createdAt: number): StoredKey => ({
    set, kid, alg: 'RS256', use: 'sig', publicJwk: { kty: 'RSA', n: 'abc', e: 'AQAB', kid }, privateSealed: `sealed-${kid}`,
    createdAt, activatesAt: createdAt + 60_000,
  });

  test('keys: add once, list oldest first (ties in insertion order), delete one and a whole set', async () => {
    const set = uid('set');
    const other = uid('set');
    const k1 = key(set, 'k1', NOW + 5);
    const k2 = key(set, 'k2', NOW);
    const k3 = key(set, 'a0', NOW + 5); // same time as k1, added later
    for (const k of [k1, k2, k3]) assert.equal(await storage().keys.addKey(k), true);
    assert.equal(await storage().keys.addKey({ ...k1, alg: 'ES256' }), false, 'kid taken in this set');
    assert.equal(await storage().keys.addKey(key(other, 'k1', NOW)), true, 'the same kid in another set');

    assert.deepEqual(await storage().keys.listKeys(set), [k2, k1, k3]);
    const sets = await storage().keys.listKeySets();
    assert.ok(sets.includes(set) && sets.includes(other));

    assert.equal(await storage().keys.deleteKey(set, 'k1'), true);
    assert.equal(await storage().keys.deleteKey(set, 'k1'), false);
    assert.equal(await storage().keys.deleteKeySet(set), 2);
    assert.deepEqual(await storage().keys.listKeys(set), []);
    assert.ok(!(await storage().keys.listKeySets()).includes(set));
    assert.equal((await storage().keys.listKeys(other)).length, 1);
  });
});
