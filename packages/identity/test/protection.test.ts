/**
 * Brute-force protection around login attempts (protection/login-guard.ts) with a fake clock and
 * recorded delays: lockout per identifier and per IP, no verification while locked, the reset on
 * success, attempts that give themselves back, second factors counted per identity, and bursts.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { FlowValidationError, delayBeforeAttempt, messages, protectLogin, type LoginAttempt } from '../src/index.ts';
import { loginFlow, protectionHarness, type ProtectionHarness } from './protection-fakes.ts';

const MINUTES_15 = 15 * 60_000;
const wrong = () => new FlowValidationError([messages.invalidCredentials()]);
const ids = (err: unknown): number[] => (err instanceof FlowValidationError ? err.messages.map((m) => m.id) : []);

describe('progressive delay', () => {
  test('attempts 1 and 2 are free, then 250 ms doubling up to 1 s', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 50].map((n) => delayBeforeAttempt(n, MINUTES_15)), [0, 0, 250, 500, 1000, 1000, 1000]);
  });

  test('never more than a quarter of a short lockout', () => {
    assert.deepEqual([3, 4, 5].map((n) => delayBeforeAttempt(n, 2000)), [250, 500, 500]);
  });
});

describe('login guard', () => {
  const harnesses: ProtectionHarness[] = [];
  after(async () => {
    for (const h of harnesses) await h.db.close();
  });
  const setup = async (failures = 5, lockout = MINUTES_15) => {
    const h = await protectionHarness(failures, lockout);
    harnesses.push(h);
    let verified = 0;
    /** One attempt; `outcome` is what the strategy would do. Returns the refusal's message ids, or 'ok'. */
    const attempt = async (identifier: string, outcome: 'ok' | 'wrong' | Error = 'wrong', extra: Partial<LoginAttempt> = {}) => {
      const login: LoginAttempt = { flow: loginFlow(), body: { method: 'password', identifier }, ip: '198.51.100.7', ...extra };
      try {
        return await protectLogin(h.ctx, login, async () => {
          verified++;
          if (outcome === 'ok') return 'ok';
          throw outcome === 'wrong' ? wrong() : outcome;
        }, h.wait);
      } catch (err) {
        if (err instanceof FlowValidationError) return ids(err);
        throw err;
      }
    };
    return { ...h, attempt, verified: () => verified };
  };

  test('5 wrong passwords, then even the right one is refused with 4010901 and never verified', async () => {
    const h = await setup();
    for (let i = 0; i < 5; i++) assert.deepEqual(await h.attempt('ann@example.com'), [4000006]);
    assert.equal(h.verified(), 5);
    assert.deepEqual(await h.attempt('ann@example.com', 'ok'), [4010901]);
    assert.equal(h.verified(), 5, 'no verification (no argon2 work) while locked');
    assert.deepEqual(h.delays, [0, 0, 250, 500, 1000, 1000]);
  });

  test('an unknown identifier locks out the same way, and the lockout message names no account', async () => {
    const h = await setup();
    for (let i = 0; i < 5; i++) await h.attempt('nobody@example.com');
    assert.deepEqual(await h.attempt('nobody@example.com', 'ok'), [4010901]);
    assert.deepEqual(messages.loginLockedOut(MINUTES_15).context, { retry_within_minutes: 15 });
  });

  test('the lockout ends after protection.lockout; the right password then works and clears the count', async () => {
    const h = await setup();
    for (let i = 0; i < 5; i++) await h.attempt('bob@example.com');
    h.clock.now += MINUTES_15 - 1;
    assert.deepEqual(await h.attempt('bob@example.com', 'ok'), [4010901], 'still locked a moment before the end');
    h.clock.now += 1;
    assert.equal(await h.attempt('bob@example.com', 'ok'), 'ok');
    h.delays.length = 0;
    for (let i = 0; i < 4; i++) await h.attempt('bob@example.com');
    assert.deepEqual(h.delays, [0, 0, 250, 500], 'counting started over');
  });

  test('refused attempts inside the lockout do not prolong it', async () => {
    const h = await setup();
    for (let i = 0; i < 5; i++) await h.attempt('carl@example.com');
    for (let i = 0; i < 10; i++) {
      h.clock.now += 60_000;
      await h.attempt('carl@example.com');
    }
    h.clock.now += 5 * 60_000;
    assert.equal(await h.attempt('carl@example.com', 'ok'), 'ok');
  });

  test('a successful login resets the identifier counter', async () => {
    const h = await setup();
    for (let i = 0; i < 4; i++) await h.attempt('dora@example.com');
    assert.equal(await h.attempt('dora@example.com', 'ok'), 'ok');
    for (let i = 0; i < 5; i++) assert.deepEqual(await h.attempt('dora@example.com'), [4000006]);
    assert.deepEqual(await h.attempt('dora@example.com'), [4010901]);
  });

  test('spelling variants of one identifier share its counter', async () => {
    const h = await setup();
    for (const typed of ['Eve@Example.com', ' eve@example.com', 'EVE@EXAMPLE.COM ', 'eve@example.com', 'eve@Example.com']) await h.attempt(typed);
    assert.deepEqual(await h.attempt('eve@example.com', 'ok'), [4010901]);
  });

  test('refusals that are not guesses (a missing field, other errors) give the attempt back', async () => {
    const h = await setup();
    const missing = new FlowValidationError([], { password: [messages.required('password')] });
    for (let i = 0; i < 8; i++) assert.deepEqual(await h.attempt('finn@example.com', missing), []);
    await assert.rejects(h.attempt('finn@example.com', new Error('identity disabled')), /identity disabled/);
    assert.equal(await h.attempt('finn@example.com', 'ok'), 'ok');
    assert.ok(h.delays.every((d) => d === 0), 'no delay accumulated');
  });

  test('per IP: 10 × the identifier threshold, whatever the identifiers; other addresses are unaffected', async () => {
    const h = await setup(2);
    const sprayer = { ip: '203.0.113.9' };
    for (let i = 0; i < 20; i++) assert.deepEqual(await h.attempt(`user${i}@example.com`, 'wrong', sprayer), [4000006]);
    assert.deepEqual(await h.attempt('fresh@example.com', 'ok', sprayer), [4010901]);
    assert.equal(await h.attempt('fresh@example.com', 'ok', { ip: '203.0.113.10' }), 'ok');
    const spray = h.logs.find((l) => l.msg === 'login lockout started' && l.fields.scope === 'ip');
    assert.equal(spray?.fields.ip, '203.0.113.9');
  });

  test('an attempt refused for its IP is not counted against the identifier', async () => {
    const h = await setup(1);
    const sprayer = { ip: '203.0.113.20' };
    for (let i = 0; i < 10; i++) await h.attempt(`spray${i}@example.com`, 'wrong', sprayer);
    for (let i = 0; i < 3; i++) assert.deepEqual(await h.attempt('gus@example.com', 'ok', sprayer), [4010901]);
    assert.equal(await h.attempt('gus@example.com', 'ok', { ip: '203.0.113.21' }), 'ok');
  });

  test('second factors count against the session identity, not the typed identifier', async () => {
    const h = await setup();
    const stepUp = (identityId: string): Partial<LoginAttempt> => ({ flow: loginFlow({ requestedAal: 'aal2', identityId }), body: { method: 'totp', totp_code: '000000' } });
    const totpWrong = new FlowValidationError([], { totp_code: [messages.totpInvalid()] });
    for (let i = 0; i < 5; i++) assert.deepEqual(await h.attempt('', totpWrong, stepUp('identity-a')), []);
    assert.deepEqual(await h.attempt('', 'ok', stepUp('identity-a')), [4010901]);
    assert.equal(await h.attempt('', 'ok', stepUp('identity-b')), 'ok');
  });

  test('a burst of parallel guesses gets at most `limit` verifications, and every failure is counted', async () => {
    const h = await setup();
    const answers = await Promise.all(Array.from({ length: 20 }, () => h.attempt('hal@example.com')));
    assert.equal(h.verified(), 5);
    assert.equal(answers.filter((a) => Array.isArray(a) && a[0] === 4000006).length, 5);
    assert.equal(answers.filter((a) => Array.isArray(a) && a[0] === 4010901).length, 15);
  });

  test('parallel right passwords for one identifier are neither refused nor slowed; at most `limit` verify at once', async () => {
    const h = await setup();
    let inFlight = 0;
    let most = 0;
    const login: LoginAttempt = { flow: loginFlow(), body: { method: 'password', identifier: 'jo@example.com' }, ip: '198.51.100.8' };
    const verify = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return 'ok';
    };
    const answers = await Promise.all(Array.from({ length: 30 }, () => protectLogin(h.ctx, login, verify, h.wait)));
    assert.ok(answers.every((a) => a === 'ok'));
    assert.equal(most, 5);
    assert.ok(h.delays.every((d) => d === 0), `delays: ${h.delays.join(',')}`);
    for (let i = 0; i < 5; i++) assert.deepEqual(await h.attempt('jo@example.com'), [4000006], 'no count was left behind');
  });

  test('one log line per lockout decision: the identifier only as a keyed hash, never the password', async () => {
    const h = await setup();
    for (let i = 0; i < 6; i++) await h.attempt('ivy@example.com');
    const started = h.logs.filter((l) => l.msg === 'login lockout started');
    const refused = h.logs.filter((l) => l.msg === 'login refused: locked out');
    assert.equal(started.length, 1);
    assert.equal(refused.length, 1);
    for (const line of [...started, ...refused]) {
      assert.match(String(line.fields.identifier_hash), /^[A-Za-z0-9_-]{16}$/);
      assert.equal(line.fields.ip, '198.51.100.7');
      assert.equal(line.fields.trace_id, 'trace-1');
      assert.ok(!JSON.stringify(line).includes('ivy@example.com'), 'the identifier itself is never logged');
    }
    assert.equal(started[0]!.level, 'warn');
  });
});
