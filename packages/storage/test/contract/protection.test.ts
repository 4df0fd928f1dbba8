/**
 * Protection counters (migration 0007) on both databases, with an explicit clock: restart after
 * expiry, the limit + 1 ceiling, sliding and fixed windows, release/reset, batch deletion of expired
 * rows, and concurrent hits that each get their own count.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CounterHit } from '@olympus/identity';
import { sqlProtectionStore } from '../../src/identity/protection.ts';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const WINDOW = 60_000;
const counted = (key: string, limit = 3): CounterHit => ({ key, add: 1, limit, windowMs: WINDOW });
const read = (key: string, limit = 3): CounterHit => ({ key, add: 0, limit, windowMs: WINDOW });

forEachDatabase('protection counters', ({ db }) => {
  const store = () => sqlProtectionStore(db());

  test('a counted hit starts at 1 and counts up to limit + 1, where it stays', async () => {
    const key = uid('k');
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push((await store().hit([counted(key)], NOW + i, 'sliding'))[0]!.hits);
    assert.deepEqual(seen, [1, 2, 3, 4, 4, 4]);
  });

  test('sliding: counted hits below the limit move the expiry; hits at or over it do not', async () => {
    const key = uid('k');
    const at = async (t: number) => (await store().hit([counted(key)], t, 'sliding'))[0]!;
    assert.equal((await at(NOW)).expiresAt, NOW + WINDOW);
    assert.equal((await at(NOW + 10)).expiresAt, NOW + 10 + WINDOW);
    assert.equal((await at(NOW + 20)).expiresAt, NOW + 20 + WINDOW, 'the hit that reaches the limit opens the lockout');
    const over = await at(NOW + 30);
    assert.deepEqual([over.hits, over.expiresAt], [4, NOW + 20 + WINDOW], 'a refused hit does not prolong the lockout');
    assert.equal((await at(NOW + 40)).expiresAt, NOW + 20 + WINDOW);
  });

  test('an expired counter restarts at the hit, with a new window', async () => {
    const key = uid('k');
    for (let i = 0; i < 4; i++) await store().hit([counted(key)], NOW, 'sliding');
    const later = NOW + WINDOW;
    const [restarted] = await store().hit([counted(key)], later, 'sliding');
    assert.deepEqual(restarted, { key, hits: 1, expiresAt: later + WINDOW });
  });

  test('fixed: the window opens at the first hit and never moves', async () => {
    const key = uid('k');
    const first = (await store().hit([counted(key, 5)], NOW, 'fixed'))[0]!;
    const second = (await store().hit([counted(key, 5)], NOW + 1000, 'fixed'))[0]!;
    assert.deepEqual([first.expiresAt, second.expiresAt, second.hits], [NOW + WINDOW, NOW + WINDOW, 2]);
    const next = (await store().hit([counted(key, 5)], NOW + WINDOW + 1, 'fixed'))[0]!;
    assert.deepEqual([next.hits, next.expiresAt], [1, NOW + 2 * WINDOW + 1]);
  });

  test('a read (add 0) reports without counting or moving the expiry; one call hits several keys', async () => {
    const [a, b] = [uid('a'), uid('b')];
    await store().hit([counted(b)], NOW, 'sliding');
    const states = await store().hit([counted(a), read(b)], NOW + 500, 'sliding');
    const byKey = new Map(states.map((s) => [s.key, s]));
    assert.deepEqual(byKey.get(a), { key: a, hits: 1, expiresAt: NOW + 500 + WINDOW });
    assert.deepEqual(byKey.get(b), { key: b, hits: 1, expiresAt: NOW + WINDOW });
    const fresh = uid('c');
    assert.deepEqual(await store().hit([read(fresh)], NOW, 'sliding'), [{ key: fresh, hits: 0, expiresAt: NOW + WINDOW }]);
  });

  test('release takes one hit back (never below zero); reset forgets the counter', async () => {
    const key = uid('k');
    await store().hit([counted(key)], NOW, 'sliding');
    await store().hit([counted(key)], NOW, 'sliding');
    await store().release(key);
    assert.equal((await store().hit([read(key)], NOW, 'sliding'))[0]!.hits, 1);
    await store().release(key);
    await store().release(key);
    assert.equal((await store().hit([read(key)], NOW, 'sliding'))[0]!.hits, 0);
    await store().hit([counted(key)], NOW, 'sliding');
    await store().reset(key);
    assert.equal((await store().hit([counted(key)], NOW, 'sliding'))[0]!.hits, 1, 'counting starts over after a reset');
  });

  test('concurrent counted hits each get a distinct count, none lost', async () => {
    const key = uid('k');
    const results = await Promise.all(Array.from({ length: 20 }, () => store().hit([counted(key, 100)], NOW, 'sliding')));
    assert.deepEqual(results.map((r) => r[0]!.hits).sort((x, y) => x - y), Array.from({ length: 20 }, (_, i) => i + 1));
  });

  test('deleteExpired removes expired counters in batches and keeps live ones', async () => {
    const far = NOW + 10 * 365 * 86_400_000;
    await store().deleteExpired(far + WINDOW, 100_000);
    const live = uid('live');
    await store().hit([counted(live)], far + WINDOW, 'sliding');
    for (let i = 0; i < 3; i++) await store().hit([counted(uid('old'))], far, 'sliding');
    assert.equal(await store().deleteExpired(far + WINDOW, 2), 2);
    assert.equal(await store().deleteExpired(far + WINDOW, 2), 1);
    assert.equal(await store().deleteExpired(far + WINDOW, 2), 0);
    assert.equal((await store().hit([read(live)], far + WINDOW, 'sliding'))[0]!.hits, 1, 'the live counter is kept');
  });
});
