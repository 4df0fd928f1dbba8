/**
 * The login guard (packages/identity/src/protection/login-guard.ts, admission.ts) with two "nodes":
 * two storage objects on one database, so each has its own per-process slots and only the shared
 * counter connects them. An attempt kept out only by the other node's attempts in flight waits and
 * is then verified, is locked out once those turn out to be failures, or after the bounded wait
 * answers 429 — never the lockout — and leaves no reservation behind.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { createIdentityStorage } from '@olympus/storage';
import { FlowValidationError, IdentityError, messages, protectLogin, type IdentityContext, type LoginAttempt } from '@olympus/identity';
import { loginFlow, protectionHarness, type ProtectionHarness } from '../packages/identity/test/protection-fakes.ts';

const LIMIT = 3;
const wrong = () => new FlowValidationError([messages.invalidCredentials()]);

/** What an attempt came to: 'ok', the refusal's message ids, or the error id of a non-flow error (429). */
const outcome = (run: Promise<string>): Promise<string | number[]> =>
  run.catch((err: unknown) => {
    if (err instanceof FlowValidationError) return err.messages.map((m) => m.id);
    if (err instanceof IdentityError) return err.id;
    throw err;
  });

/** An attempt whose verification ends when `gate` resolves, with `result`. */
const attempt = (ctx: IdentityContext, identifier: string, result: 'ok' | 'wrong', gate: Promise<void> = Promise.resolve(), wait?: (ms: number) => Promise<void>) => {
  const login: LoginAttempt = { flow: loginFlow(), body: { method: 'password', identifier }, ip: '198.51.100.30' };
  return outcome(protectLogin(ctx, login, async () => {
    await gate;
    if (result === 'wrong') throw wrong();
    return 'ok';
  }, wait));
};

const deferred = () => {
  let open!: () => void;
  return { gate: new Promise<void>((resolve) => (open = resolve)), open: () => open() };
};

describe('login guard across two nodes sharing one counter', () => {
  const harnesses: ProtectionHarness[] = [];
  after(async () => {
    for (const h of harnesses) await h.db.close();
  });
  const twoNodes = async () => {
    const h = await protectionHarness(LIMIT);
    harnesses.push(h);
    const other = { ...h.ctx, storage: createIdentityStorage(h.db) } as IdentityContext;
    return { h, a: h.ctx, b: other };
  };
  const realWait = (ms: number) => sleep(ms);

  test("an attempt kept out by the other node's right passwords waits, then is verified", async () => {
    const { a, b } = await twoNodes();
    const held = deferred();
    const onB = Array.from({ length: LIMIT }, () => attempt(b, 'kim@example.com', 'ok', held.gate, realWait));
    await sleep(20);
    const onA = attempt(a, 'kim@example.com', 'ok', undefined, realWait);
    await sleep(60);
    held.open();
    assert.deepEqual(await Promise.all([...onB, onA]), Array(LIMIT + 1).fill('ok'));
  });

  test("once the other node's attempts in flight fail, the waiting one gets the lockout, unverified", async () => {
    const { a, b } = await twoNodes();
    const held = deferred();
    const onB = Array.from({ length: LIMIT }, () => attempt(b, 'lee@example.com', 'wrong', held.gate, realWait));
    await sleep(20);
    let verifiedOnA = false;
    const login: LoginAttempt = { flow: loginFlow(), body: { method: 'password', identifier: 'lee@example.com' }, ip: '198.51.100.30' };
    const onA = outcome(protectLogin(a, login, async () => ((verifiedOnA = true), 'ok'), async () => sleep(5)));
    await sleep(60);
    held.open();
    assert.deepEqual(await Promise.all(onB), Array(LIMIT).fill([4000006]));
    assert.deepEqual(await onA, [4010901]);
    assert.equal(verifiedOnA, false);
  });

  test('after the bounded wait the answer is 429 too_many_requests, and no reservation is left behind', async () => {
    const { h, a, b } = await twoNodes();
    const held = deferred();
    const onB = Array.from({ length: LIMIT }, () => attempt(b, 'max@example.com', 'ok', held.gate, realWait));
    await sleep(20);
    assert.equal(await attempt(a, 'max@example.com', 'ok', undefined, h.wait), 'too_many_requests');
    assert.ok(h.delays.length > 0 && h.delays.every((d) => d > 0 && d <= 250), `polls: ${h.delays.join(',')}`);
    held.open();
    await Promise.all(onB);
    for (let i = 0; i < LIMIT; i++) assert.deepEqual(await attempt(a, 'max@example.com', 'wrong'), [4000006]);
    assert.deepEqual(await attempt(b, 'max@example.com', 'ok'), [4010901]);
  });
});
