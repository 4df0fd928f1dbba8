/**
 * Login reservations in the shared counters (migration 0013; packages/storage/src/identity/protection-reservations.ts)
 * on both databases, as several nodes use them: failures + reservations never pass the limit, even
 * for concurrent statements; a refused reservation changes nothing; a success clears the failures
 * but not the others' reservations; abandoned reservations are forgotten after holdMs, and a late
 * settle from a forgotten generation does not shrink the new one.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { AttemptReservation } from '@olympus/identity';
import { sqlProtectionStore } from '../packages/storage/src/identity/protection.ts';
import { NOW, uid } from '../packages/storage/test/contract/fixtures.ts';
import { forEachDatabase } from '../packages/storage/test/contract/harness.ts';

const WINDOW = 60_000;
const HOLD = 30_000;
const asking = (key: string, limit = 3): AttemptReservation => ({ key, limit, windowMs: WINDOW, holdMs: HOLD, token: randomUUID() });

forEachDatabase('login reservations', ({ db }) => {
  const store = () => sqlProtectionStore(db());
  const reserve = async (key: string, at = NOW, limit = 3) => {
    const attempt = asking(key, limit);
    return { attempt, ...(await store().reserve(attempt, [], at)).reservation };
  };

  test('reservations are granted up to the limit; a refused one changes nothing', async () => {
    const key = uid('k');
    const granted = [await reserve(key), await reserve(key), await reserve(key)];
    assert.deepEqual(granted.map((r) => [r.granted, r.failures, r.inFlight]), [[true, 0, 1], [true, 0, 2], [true, 0, 3]]);
    const refused = await reserve(key);
    assert.deepEqual([refused.granted, refused.failures, refused.inFlight], [false, 0, 3]);
    await store().settle(granted[0]!.attempt, granted[0]!.generation, 'void', NOW);
    assert.deepEqual([(await reserve(key)).inFlight], [3], 'a slot given back is granted again');
  });

  test('a failure turns a reservation into a counted failure; a success clears failures, not the others in flight', async () => {
    const key = uid('k');
    const [a, b, c] = [await reserve(key), await reserve(key), await reserve(key)];
    assert.equal(await store().settle(a.attempt, a.generation, 'failure', NOW), 1);
    assert.equal((await reserve(key)).granted, false, '1 failure + 2 in flight fill a limit of 3');
    await store().settle(b.attempt, b.generation, 'success', NOW);
    const next = await reserve(key);
    assert.deepEqual([next.granted, next.failures, next.inFlight], [true, 0, 2], "c's reservation is still counted");
    await store().settle(c.attempt, c.generation, 'failure', NOW);
    await store().settle(next.attempt, next.generation, 'failure', NOW);
    const third = await reserve(key);
    assert.equal(await store().settle(third.attempt, third.generation, 'failure', NOW), 3);
    const locked = await reserve(key);
    assert.deepEqual([locked.granted, locked.failures, locked.inFlight], [false, 3, 0]);
  });

  test('concurrent reservations: exactly `limit` granted, none lost', async () => {
    const key = uid('k');
    const answers = await Promise.all(Array.from({ length: 20 }, () => reserve(key, NOW, 5)));
    assert.equal(answers.filter((a) => a.granted).length, 5);
  });

  test('reservations abandoned for holdMs are forgotten; a late settle of the old generation is ignored', async () => {
    const key = uid('k');
    const old = [await reserve(key), await reserve(key), await reserve(key)];
    assert.equal((await reserve(key, NOW + HOLD - 1)).granted, false, 'still held just before holdMs');
    const fresh = await reserve(key, NOW + HOLD);
    assert.deepEqual([fresh.granted, fresh.inFlight], [true, 1]);
    assert.notEqual(fresh.generation, old[0]!.generation);
    for (const r of old) await store().settle(r.attempt, r.generation, 'void', NOW + HOLD);
    assert.equal((await reserve(key, NOW + HOLD)).inFlight, 2, 'the old settles did not free the new reservation');
    assert.equal(await store().settle(old[0]!.attempt, old[0]!.generation, 'failure', NOW + HOLD), 1, 'a late failure still counts');
  });

  test('a counter with a live reservation is not deleted as expired', async () => {
    const key = uid('k');
    const far = NOW + 20 * 365 * 86_400_000;
    await store().deleteExpired(far + 2 * WINDOW, 100_000);
    const brief = { ...asking(key), windowMs: 1_000 }; // its failures' window ends before `far`, its hold after
    await store().reserve(brief, [], far - 10_000);
    await store().deleteExpired(far, 100_000);
    assert.equal((await reserve(key, far)).inFlight, 2);
  });
});
