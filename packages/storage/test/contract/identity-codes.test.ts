import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { OneTimeCode } from '@olympus/identity';
import { sqlOneTimeCodeStore } from '../../src/identity/codes.ts';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const code = (flowId: string, overrides: Partial<OneTimeCode> = {}): OneTimeCode => ({
  id: randomUUID(), flowId, kind: 'recovery', identityId: uid('identity'), address: 'ada@example.com',
  codeHash: uid('hash'), expiresAt: NOW + 900_000, createdAt: NOW, usedAt: null,
  ...overrides,
});

forEachDatabase('identity one-time codes', ({ db }) => {
  const store = () => sqlOneTimeCodeStore(db());

  test('a created code reads back unchanged among the live codes of its flow only', async () => {
    const flowId = uid('flow');
    const c = code(flowId, { kind: 'verification', address: '' });
    await store().createCode(c);
    await store().createCode(code(uid('other-flow')));
    assert.deepEqual(await store().liveCodesOfFlow(flowId, NOW), [c]);
    assert.deepEqual(await store().liveCodesOfFlow(uid('unknown'), NOW), []);
  });

  test('live codes are newest first and leave out expired ones', async () => {
    const flowId = uid('flow');
    const old = code(flowId, { createdAt: NOW });
    const fresh = code(flowId, { createdAt: NOW + 10 });
    const expired = code(flowId, { createdAt: NOW + 20, expiresAt: NOW + 100 });
    for (const c of [old, fresh, expired]) await store().createCode(c);
    assert.deepEqual((await store().liveCodesOfFlow(flowId, NOW + 100)).map((c) => c.id), [fresh.id, old.id]);
  });

  test('useCode succeeds once; a used or expired code cannot be used', async () => {
    const flowId = uid('flow');
    const c = code(flowId);
    const expiring = code(flowId, { expiresAt: NOW + 5 });
    await store().createCode(c);
    await store().createCode(expiring);
    assert.equal(await store().useCode(c.id, NOW + 1), true);
    assert.equal(await store().useCode(c.id, NOW + 2), false, 'single use');
    assert.equal(await store().useCode(expiring.id, NOW + 5), false, 'expired');
    assert.deepEqual(await store().liveCodesOfFlow(flowId, NOW + 1), [expiring]);
  });

  test('of 20 parallel useCode calls exactly one wins', async () => {
    const c = code(uid('flow'));
    await store().createCode(c);
    const results = await Promise.all(Array.from({ length: 20 }, () => store().useCode(c.id, NOW + 1)));
    assert.equal(results.filter(Boolean).length, 1);
  });

  test('revokeCodesOfFlow ends every unused code of that flow and no other', async () => {
    const flowId = uid('flow');
    const other = code(uid('flow'));
    await store().createCode(code(flowId));
    await store().createCode(code(flowId));
    await store().createCode(other);
    assert.equal(await store().revokeCodesOfFlow(flowId, NOW + 1), 2);
    assert.deepEqual(await store().liveCodesOfFlow(flowId, NOW + 1), []);
    assert.equal(await store().revokeCodesOfFlow(flowId, NOW + 2), 0);
    assert.deepEqual((await store().liveCodesOfFlow(other.flowId, NOW + 1)).map((c) => c.id), [other.id]);
  });

  test('countSubmission counts per flow, and 25 parallel submissions are each counted', async () => {
    const flowId = uid('flow');
    assert.equal(await store().countSubmission(flowId, NOW), 1);
    assert.equal(await store().countSubmission(flowId, NOW + 1), 2);
    assert.equal(await store().countSubmission(uid('flow'), NOW), 1);
    const counts = await Promise.all(Array.from({ length: 25 }, (_, i) => store().countSubmission(flowId, NOW + 2 + i)));
    assert.deepEqual([...counts].sort((a, b) => a - b), Array.from({ length: 25 }, (_, i) => i + 3));
  });
});
