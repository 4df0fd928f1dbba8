import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { basic } from '../../oauth2/test/tokens-fakes.ts';
import { form, FORM_HEADERS, SECRET, tokenSideApp, type TokenSideApp } from './token-side-app.ts';

let t: TokenSideApp;
before(async () => {
  t = await tokenSideApp();
});
after(() => t.app.close());

const revoke = (token: string, clientId = 'web') =>
  t.app.inject({ method: 'POST', url: '/oauth2/revoke', headers: { ...FORM_HEADERS, authorization: basic(clientId, SECRET) }, payload: form({ token }) });

const introspect = (token: string) =>
  t.app.inject({ method: 'POST', url: '/admin/oauth2/introspect', headers: FORM_HEADERS, payload: form({ token }) });

describe('POST /oauth2/revoke (RFC 7009)', () => {
  test('revokes a refresh token and its access token: 200 with an empty body', async () => {
    const tokens = await t.codeExchange();
    const res = await revoke(tokens.refresh_token);
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '');
    assert.deepEqual((await introspect(tokens.refresh_token)).json(), { active: false });
    assert.deepEqual((await introspect(tokens.access_token)).json(), { active: false });
  });

  test('an unknown token is 200', async () => {
    assert.equal((await revoke('ory_rt_never-issued')).statusCode, 200);
  });

  test("another client's token is 400 unauthorized_client and stays active", async () => {
    const tokens = await t.codeExchange();
    const res = await revoke(tokens.access_token, 'other');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'unauthorized_client');
    assert.equal((await introspect(tokens.access_token)).json().active, true);
  });

  test('a storage failure is 503 temporarily_unavailable', async () => {
    const tokens = await t.codeExchange();
    t.h.tokens.failWith = new Error('database is gone');
    try {
      const res = await revoke(tokens.access_token);
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error, 'temporarily_unavailable');
    } finally {
      t.h.tokens.failWith = undefined;
    }
  });

  test('a JSON body is refused', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/oauth2/revoke', headers: { 'content-type': 'application/json', authorization: basic('web', SECRET) },
      payload: JSON.stringify({ token: 'x' }),
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
  });
});

describe('POST /oauth2/revoke: what a failure logs', () => {
  test('an unexpected failure behind the 503 is logged once, as an error with its stack, not as a passing outage', async () => {
    const lines: { level: number; msg: string; err?: { message: string; stack?: string } }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const side = await tokenSideApp(logger);
    try {
      const tokens = await side.codeExchange();
      side.h.tokens.failWith = new Error('a bug in the token store');
      const res = await side.app.inject({
        method: 'POST', url: '/oauth2/revoke', headers: { ...FORM_HEADERS, authorization: basic('web', SECRET) }, payload: form({ token: tokens.access_token }),
      });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error, 'temporarily_unavailable');
      const failures = lines.filter((l) => l.level >= 40);
      assert.deepEqual(failures.map((l) => [l.level, l.msg]), [[50, 'request failed']]);
      assert.equal(failures[0]!.err?.message, 'a bug in the token store');
      assert.match(failures[0]!.err?.stack ?? '', /a bug in the token store/);
    } finally {
      await side.app.close();
    }
  });
});
