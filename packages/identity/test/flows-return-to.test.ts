import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SelfServiceFlowReturnToForbidden, checkReturnTo } from '../src/index.ts';
import { harness } from './sessions-fakes.ts';

const { ctx } = harness((c) => ({ ...c, selfservice: { ...c.selfservice, allowedReturnUrls: ['https://allowed.example/app', 'https://other.example'] } }));
const check = (raw: string) => checkReturnTo(ctx.config, raw);

describe('return_to allow-list (AS-7)', () => {
  test('nothing asked, nothing returned', () => {
    assert.equal(checkReturnTo(ctx.config, undefined), '');
    assert.equal(check(''), '');
  });

  test('allowed: the public origin, paths on it, and URLs under an allowed entry', () => {
    assert.equal(check('/dashboard?tab=1'), 'http://127.0.0.1:4444/dashboard?tab=1');
    assert.equal(check('http://127.0.0.1:4444/x'), 'http://127.0.0.1:4444/x');
    assert.equal(check('https://allowed.example/app'), 'https://allowed.example/app');
    assert.equal(check('https://allowed.example/app/settings'), 'https://allowed.example/app/settings');
    assert.equal(check('https://other.example/anything'), 'https://other.example/anything');
  });

  for (const raw of [
    '//evil.example', '/\\evil.example', 'https:evil.example', 'https:/evil.example', 'https://allowed.example.evil.com/app',
    'https://allowed.example/application', 'http://allowed.example/app', 'https://allowed.example:8443/app',
    'https://allowed.example@evil.example/app', 'javascript:alert(1)', 'data:text/html,x', '/\tevil', 'evil.example',
    'https://allowed.example/app\\..\\evil',
  ]) {
    test(`refused: ${JSON.stringify(raw)}`, () => {
      assert.throws(() => check(raw), (err) => err instanceof SelfServiceFlowReturnToForbidden && err.code === 400);
    });
  }
});
