/**
 * Rate limits (protection/rate-limit.ts) on the real counters with a fake clock: fixed windows,
 * Retry-After, code requests per address and per IP, the refused flow's message.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  CODE_REQUESTS_PER_ADDRESS, CODE_REQUESTS_PER_IP, TooManyRequests, checkRateLimit, limitCodeRequests, rateLimitedFlow,
} from '../src/index.ts';
import { loginFlow, protectionHarness, type ProtectionHarness } from './protection-fakes.ts';

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
});
