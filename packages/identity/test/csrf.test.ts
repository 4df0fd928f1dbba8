import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SecurityCsrfViolation, checkCsrf, csrfTokenFor, newCsrfSecret } from '../src/index.ts';
import { newFlow } from './password-fakes.ts';
import { harness } from './sessions-fakes.ts';

const browserFlow = (id = 'f0000000-0000-4000-8000-00000000000a') => newFlow({ id, type: 'browser' });

const reasonOf = (fn: () => void): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SecurityCsrfViolation);
    assert.equal(err.code, 403);
    assert.equal(typeof err.details.hint, 'string');
    return String(err.details.reject_reason);
  }
  assert.fail('expected a CSRF violation');
};

describe('CSRF of browser flows (ID-10)', () => {
  test('the token of this browser and flow passes', () => {
    const { ctx } = harness();
    const secret = newCsrfSecret();
    const flow = browserFlow();
    assert.doesNotThrow(() => checkCsrf(ctx, flow, { cookie: secret, token: csrfTokenFor(ctx, secret, flow.id) }));
  });

  test('each missing or different half has its own reject_reason', () => {
    const { ctx } = harness();
    const secret = newCsrfSecret();
    const flow = browserFlow();
    const token = csrfTokenFor(ctx, secret, flow.id);
    assert.equal(reasonOf(() => checkCsrf(ctx, flow, { token })), 'cookie_missing');
    assert.equal(reasonOf(() => checkCsrf(ctx, flow, { cookie: secret })), 'token_missing');
    assert.equal(reasonOf(() => checkCsrf(ctx, flow, { cookie: newCsrfSecret(), token })), 'token_mismatch', 'another browser');
    const other = browserFlow('f0000000-0000-4000-8000-00000000000b');
    assert.equal(reasonOf(() => checkCsrf(ctx, other, { cookie: secret, token })), 'token_mismatch', 'another flow');
  });

  test('hints name the usual causes', () => {
    const { ctx } = harness();
    try {
      checkCsrf(ctx, browserFlow(), {});
    } catch (err) {
      const hint = String((err as SecurityCsrfViolation).details.hint);
      assert.match(hint, /credentials: "include"/);
      assert.match(hint, /localhost versus 127\.0\.0\.1/);
      assert.match(hint, /SameSite/);
    }
  });

  test('native (api) flows have no CSRF', () => {
    const { ctx } = harness();
    assert.doesNotThrow(() => checkCsrf(ctx, newFlow({ type: 'api' }), {}));
  });

  test('a token issued before a secret rotation still passes', () => {
    const old = harness(undefined, ['old-secret-000000000000000000000001']);
    const rotated = harness(undefined, ['new-secret-000000000000000000000002', 'old-secret-000000000000000000000001']);
    const secret = newCsrfSecret();
    const flow = browserFlow();
    const token = csrfTokenFor(old.ctx, secret, flow.id);
    assert.doesNotThrow(() => checkCsrf(rotated.ctx, flow, { cookie: secret, token }));
  });
});
