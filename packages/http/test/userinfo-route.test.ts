import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { basic } from '../../oauth2/test/tokens-fakes.ts';
import { form, FORM_HEADERS, SECRET, tokenSideApp, type TokenSideApp } from './token-side-app.ts';

let t: TokenSideApp;
let accessToken: string;
before(async () => {
  t = await tokenSideApp();
  accessToken = (await t.codeExchange()).access_token;
});
after(() => t.app.close());

describe('GET|POST /userinfo (OIDC Core §5.3, RFC 6750)', () => {
  test('GET with a Bearer header returns the claims, not cached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/userinfo', headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { email: 'a@example.com', email_verified: true, sub: 'user-1' });
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers.pragma, 'no-cache');
  });

  test('POST with the token in the form body works too (RFC 6750 §2.2)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/userinfo', headers: FORM_HEADERS, payload: form({ access_token: accessToken }) });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().sub, 'user-1');
  });

  test('a token in the query string is refused', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/userinfo?access_token=${accessToken}` });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
  });

  test('an invalid token is 401 with WWW-Authenticate: Bearer error="invalid_token"', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/userinfo', headers: { authorization: 'Bearer ory_at_forged' } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error, 'invalid_token');
    assert.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token", error_description="The access token is invalid, expired or revoked."');
  });

  test('no token at all is 401 with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/userinfo' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="olympus"');
  });

  test('a token without openid is 403 insufficient_scope', async () => {
    const cc = await t.app.inject({
      method: 'POST', url: '/oauth2/token', headers: { ...FORM_HEADERS, authorization: basic('web', SECRET) },
      payload: form({ grant_type: 'client_credentials', scope: 'email' }),
    });
    const res = await t.app.inject({ method: 'GET', url: '/userinfo', headers: { authorization: `Bearer ${cc.json().access_token}` } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error, 'insufficient_scope');
    assert.match(String(res.headers['www-authenticate']), /^Bearer error="insufficient_scope"/);
  });
});
