import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { basic, REDIRECT_URI, seedCode } from '../../oauth2/test/tokens-fakes.ts';
import { form, FORM_HEADERS, SECRET, tokenSideApp, type TokenSideApp } from './token-side-app.ts';

let t: TokenSideApp;
before(async () => {
  t = await tokenSideApp();
});
after(() => t.app.close());

const introspect = (params: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/admin/oauth2/introspect', headers: FORM_HEADERS, payload: form(params) });

describe('POST /admin/oauth2/introspect (RFC 7662)', () => {
  test('an active token is described, not cached', async () => {
    const tokens = await t.codeExchange();
    const res = await introspect({ token: tokens.access_token });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json();
    assert.equal(body.active, true);
    assert.equal(body.client_id, 'web');
    assert.equal(body.token_use, 'access_token');
    assert.deepEqual(body.ext, { tenant: 't1' });
  });

  test('an unknown token is exactly {"active":false}', async () => {
    const res = await introspect({ token: 'ory_at_unknown' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '{"active":false}');
  });

  test('a scope the token lacks makes it inactive', async () => {
    const tokens = await t.codeExchange();
    assert.equal((await introspect({ token: tokens.access_token, scope: 'openid admin' })).body, '{"active":false}');
  });

  test('the first tokens of a replayed code are inactive (AS-11)', async () => {
    const seeded = await seedCode(t.h, 'web');
    const exchange = () =>
      t.app.inject({
        method: 'POST', url: '/oauth2/token', headers: { ...FORM_HEADERS, authorization: basic('web', SECRET) },
        payload: form({ grant_type: 'authorization_code', code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier }),
      });
    const first = (await exchange()).json();
    assert.equal((await introspect({ token: first.access_token })).json().active, true);
    assert.equal((await exchange()).json().error, 'invalid_grant');
    assert.equal((await introspect({ token: first.access_token })).body, '{"active":false}');
    assert.equal((await introspect({ token: first.refresh_token })).body, '{"active":false}');
  });

  test('a missing token is 400 invalid_request', async () => {
    const res = await introspect({});
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
  });
});
