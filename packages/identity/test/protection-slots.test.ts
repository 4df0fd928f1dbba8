/** The per-process slots of protection/slots.ts: capacity, FIFO hand-over, no entry left behind. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyedSlots } from '../src/protection/slots.ts';

test('at most `capacity` holders per key; waiters get freed slots in order; other keys are independent', async () => {
  const slots = new KeyedSlots();
  const a1 = await slots.acquire('a', 2);
  const a2 = await slots.acquire('a', 2);
  const b1 = await slots.acquire('b', 2);
  assert.equal(a2.active(), 2);
  assert.equal(b1.active(), 1);
  const order: string[] = [];
  const third = slots.acquire('a', 2).then((s) => (order.push('third'), s));
  const fourth = slots.acquire('a', 2).then((s) => (order.push('fourth'), s));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, [], 'both wait while two hold a slot');
  a1.release();
  a1.release(); // idempotent: frees one slot, not two
  const a3 = await third;
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, ['third']);
  assert.equal(a3.active(), 2);
  a2.release();
  const a4 = await fourth;
  assert.deepEqual(order, ['third', 'fourth']);
  for (const slot of [a3, a4, b1]) slot.release();
  assert.equal(slots.size, 0, 'no entry is kept once nobody holds or waits');
});
