/**
 * Rate limits (protection/rate-limit.ts) on the real counters with a fake clock: fixed windows,
 * Retry-After, code requests per address and per IP, the refused flow's message; and the in-memory
 * store other unit tests use behaves like the SQL one.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  CODE_REQUESTS_PER_ADDRESS, CODE_REQUESTS_PER_IP, TooManyRequests, checkRateLimit, limitCodeRequests, rateLimitedFlow,
  type CounterHit, type CounterWindow,
} from '../src/index.ts';
import { loginFlow, protectionHarness, type ProtectionHarness } from './protection-fakes.ts';
import { MemoryProtectionStore } from './protection-memory.ts';

const WINDOW = 15 * 60_000;

describe('rate limits', () => {
  const harnesses: ProtectionHarness[] = [];
  after(async () => {
    for (const h of harnesses) await h.db.close();
  });
  const setup = async () => {
    const h = await protectionHarness();
    harnesses.push(h);
    return h;
  };

  test('N per fixed window; the refusal says how long to wait; the next window allows again', async () => {
    const h = await setup();
    const decisions = [];
    for (let i = 0; i < 4; i++) {
      decisions.push(await checkRateLimit(h.ctx, 'rate:test:a', 3, 60_000));
      h.clock.now += 10_000;
    }
    assert.deepEqual(decisions.slice(0, 3), [{ allowed: true, remaining: 2 }, { allowed: true, remaining: 1 }, { allowed: true, remaining: 0 }]);
    assert.deepEqual(decisions[3], { allowed: false, retryAfterSeconds: 30 }, 'the window opened 40 s ago and does not slide');
    h.clock.now += 20_000;
    assert.equal((await checkRateLimit(h.ctx, 'rate:test:a', 3, 60_000)).allowed, true);
  });

  test('codes: 5 per address in 15 minutes, whatever the spelling of the address', async () => {
    const h = await setup();
    const ip = '192.0.2.1';
    for (let i = 0; i < CODE_REQUESTS_PER_ADDRESS.limit; i++) {
      assert.equal((await limitCodeRequests(h.ctx, { address: i % 2 ? 'Ann@Example.com' : 'ann@example.com', ip })).allowed, true);
    }
    const refused = await limitCodeRequests(h.ctx, { address: 'ann@example.com', ip });
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: WINDOW / 1000 });
    assert.equal((await limitCodeRequests(h.ctx, { address: 'bob@example.com', ip })).allowed, true, 'another address is not limited');
    h.clock.now += WINDOW;
    assert.equal((await limitCodeRequests(h.ctx, { address: 'ann@example.com', ip })).allowed, true);
  });

  test('codes: 50 per client IP in 15 minutes, across addresses', async () => {
    const h = await setup();
    for (let i = 0; i < CODE_REQUESTS_PER_IP.limit; i++) {
      assert.equal((await limitCodeRequests(h.ctx, { address: `user${i}@example.com`, ip: '192.0.2.2' })).allowed, true);
    }
    assert.equal((await limitCodeRequests(h.ctx, { address: 'new@example.com', ip: '192.0.2.2' })).allowed, false);
    assert.equal((await limitCodeRequests(h.ctx, { address: 'new@example.com', ip: '192.0.2.3' })).allowed, true);
  });

  test('a rate-limited flow carries message 4000901 and the 429 error names the flow and the wait', async () => {
    const h = await setup();
    const flow = { ...loginFlow(), kind: 'recovery' as const, expiresAt: h.clock.now + WINDOW, ui: { action: 'x', method: 'POST' as const, nodes: [] } };
    await h.ctx.storage.flows.createFlow(flow);
    const err = await rateLimitedFlow(h.ctx, flow, 42);
    assert.ok(err instanceof TooManyRequests);
    assert.equal(err.code, 429);
    assert.deepEqual([err.details.retry_after_seconds, err.details.flow_id], [42, flow.id]);
    const stored = await h.ctx.storage.flows.getFlow(flow.id);
    assert.deepEqual(stored?.ui.messages, [{ id: 4000901, text: 'Too many requests. Wait 42 seconds, then try again.', type: 'error', context: { retry_after_seconds: 42 } }]);
  });

  test('the in-memory store answers like the SQL one', async () => {
    const h = await setup();
    const memory = new MemoryProtectionStore();
    type Step =
      | { op: 'hit'; hits: readonly CounterHit[]; now: number; window: CounterWindow }
      | { op: 'release' | 'reset'; key: string }
      | { op: 'sweep'; now: number };
    const hit = (key: string, add: 0 | 1, limit = 2): CounterHit => ({ key, add, limit, windowMs: 1000 });
    const steps: Step[] = [];
    for (let t = 0; t < 12; t++) {
      steps.push({ op: 'hit', hits: [hit('a', 1), hit('b', t % 3 === 0 ? 1 : 0)], now: t * 300, window: t % 2 ? 'sliding' : 'fixed' });
    }
    steps.push(
      { op: 'release', key: 'a' }, { op: 'hit', hits: [hit('a', 1)], now: 4000, window: 'sliding' }, { op: 'reset', key: 'b' },
      { op: 'hit', hits: [hit('b', 0)], now: 4001, window: 'sliding' }, { op: 'sweep', now: 5500 },
      { op: 'hit', hits: [hit('a', 1), hit('c', 1, 0)], now: 5600, window: 'sliding' }, { op: 'hit', hits: [hit('c', 1, 0)], now: 5601, window: 'fixed' },
    );
    const sql = h.ctx.storage.protection;
    const sorted = (states: Array<{ key: string }>) => [...states].sort((x, y) => x.key.localeCompare(y.key));
    for (const step of steps) {
      if (step.op === 'hit') {
        assert.deepEqual(sorted(await memory.hit(step.hits, step.now, step.window)), sorted(await sql.hit(step.hits, step.now, step.window)), JSON.stringify(step));
      } else if (step.op === 'sweep') {
        assert.equal(await memory.deleteExpired(step.now, 100), await sql.deleteExpired(step.now, 100));
      } else {
        await sql[step.op](step.key);
        await memory[step.op](step.key);
      }
    }
  });
});
