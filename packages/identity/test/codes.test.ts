import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeyedHasher } from '@olympus/crypto';
import { MAX_CODE_LIFESPAN_MS, checkCode, codeLifespan, issueCode, newCodeValue } from '../src/index.ts';
import { codeHarness } from './codes-fakes.ts';

const FLOW = 'f0000000-0000-4000-8000-00000000000a';
const OTHER_FLOW = 'f0000000-0000-4000-8000-00000000000b';
const IDENTITY = '00000000-0000-4000-8000-0000000000aa';

const issue = (h: ReturnType<typeof codeHarness>, flowId = FLOW, identityId = IDENTITY) =>
  issueCode(h.ctx, { flowId, kind: 'recovery', identityId, address: 'ada@example.com' });

describe('one-time code values and storage', () => {
  test('codes are 6 (or 8) random digits, leading zeros kept', () => {
    const values = Array.from({ length: 2000 }, () => newCodeValue());
    assert.ok(values.every((v) => /^\d{6}$/.test(v)));
    assert.ok(new Set(values).size > 1990, 'random, not repeated');
    assert.ok(values.some((v) => v.startsWith('0')), 'zero-padded, so every digit string is possible');
    assert.match(newCodeValue(8), /^\d{8}$/);
  });

  test('only a keyed hash is stored, bound to the flow; a new code revokes the older ones', async () => {
    const h = codeHarness();
    const first = await issue(h);
    const stored = JSON.stringify(await h.db.query('SELECT * FROM identity_codes'));
    assert.equal(stored.includes(first.value), false, 'the code itself is nowhere in storage');
    const second = await issue(h);
    assert.equal((await checkCode(h.ctx, FLOW, 'recovery', first.value)).status, first.value === second.value ? 'valid' : 'invalid');
  });

  test('the lifespan is the configured one, capped at 15 minutes', () => {
    const h = codeHarness((c) => ({ ...c, selfservice: { ...c.selfservice, methods: { ...c.selfservice.methods, code: { lifespan: 3_600_000, maxAttempts: 5 } } } }));
    assert.equal(codeLifespan(h.ctx), MAX_CODE_LIFESPAN_MS);
    const short = codeHarness((c) => ({ ...c, selfservice: { ...c.selfservice, methods: { ...c.selfservice.methods, code: { lifespan: 300_000, maxAttempts: 5 } } } }));
    assert.equal(codeLifespan(short.ctx), 300_000);
  });
});

describe('checking codes (ID-16)', () => {
  test('a code is valid once, with spaces or dashes pasted in', async () => {
    const h = codeHarness();
    const { value } = await issue(h);
    const pasted = `${value.slice(0, 3)} ${value.slice(3)}`;
    const first = await checkCode(h.ctx, FLOW, 'recovery', pasted);
    assert.equal(first.status, 'valid');
    assert.equal(first.status === 'valid' && first.code.identityId, IDENTITY);
    assert.equal((await checkCode(h.ctx, FLOW, 'recovery', value)).status, 'invalid', 'used');
  });

  test('a code fails in another flow and for another flow kind', async () => {
    const h = codeHarness();
    const { value } = await issue(h);
    await issue(h, OTHER_FLOW);
    assert.equal((await checkCode(h.ctx, OTHER_FLOW, 'recovery', value)).status, 'invalid');
    assert.equal((await checkCode(h.ctx, FLOW, 'verification', value)).status, 'invalid');
    assert.equal((await checkCode(h.ctx, FLOW, 'recovery', value)).status, 'valid');
  });

  test('a code fails once it expired', async () => {
    const h = codeHarness();
    const { value } = await issue(h);
    h.clock.now += codeLifespan(h.ctx);
    assert.equal((await checkCode(h.ctx, FLOW, 'recovery', value)).status, 'invalid');
  });

  test('after max_attempts submissions the flow is exhausted, even for the right code', async () => {
    const h = codeHarness();
    const { value } = await issue(h);
    const wrong = value === '000000' ? '000001' : '000000';
    for (let i = 1; i <= 5; i++) assert.deepEqual(await checkCode(h.ctx, FLOW, 'recovery', wrong), { status: 'invalid', submissions: i });
    assert.deepEqual(await checkCode(h.ctx, FLOW, 'recovery', value), { status: 'exhausted', submissions: 6 });
    assert.equal(await h.codes.liveCodesOfFlow(FLOW, h.clock.now).then((c) => c.length), 0, 'its codes are revoked');
  });

  test('parallel guesses are each counted', async () => {
    const h = codeHarness();
    const { value } = await issue(h);
    const wrong = value === '000000' ? '000001' : '000000';
    const results = await Promise.all(Array.from({ length: 8 }, () => checkCode(h.ctx, FLOW, 'recovery', wrong)));
    assert.equal(results.filter((r) => r.status === 'exhausted').length, 3);
    assert.equal((await checkCode(h.ctx, FLOW, 'recovery', value)).status, 'exhausted');
  });

  test('the stand-in code of an unknown address never matches', async () => {
    const h = codeHarness();
    const { value } = await issue(h, FLOW, '');
    assert.equal((await checkCode(h.ctx, FLOW, 'recovery', value)).status, 'invalid');
  });

  test('a code survives a rotation of the system secret', async () => {
    const h = codeHarness();
    const { value } = await issue(h);
    const rotated = { ...h.ctx, hasher: new KeyedHasher(['a-new-system-secret-of-enough-length-02', 'a-system-secret-of-enough-length-0001']) };
    assert.equal((await checkCode(rotated, FLOW, 'recovery', value)).status, 'valid');
  });
});
