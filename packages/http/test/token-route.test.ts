import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { basic, REDIRECT_URI, seedCode } from '../../oauth2/test/tokens-fakes.ts';
import { form, FORM_HEADERS, SECRET, tokenSideApp, type TokenSideApp } from './token-side-app.ts';

let t: TokenSideApp;
before(async () => {
  t = await tokenSideApp();
});
after(() => t.app.close());

const post = (payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/oauth2/token', headers: { ...FORM_HEADERS, ...headers }, payload });

describe('POST /oauth2/token', () => {
  test('a code exchange answers 200 with the token response and no-store, no-cache (RFC 6749 §5.1)', async () => {
    const seeded = await seedCode(t.h, 'web');
    const res = await post(
      form({ grant_type: 'authorization_code', code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier }),
      { authorization: basic('web', SECRET) },
    );
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers.pragma, 'no-cache');
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    assert.equal(body.token_type, 'bearer');
  });

  test('a replayed code is 400 invalid_grant with the hint', async () => {
    const seeded = await seedCode(t.h, 'web');
    const payload = form({ grant_type: 'authorization_code', code: seeded.code, redirect_uri: REDIRECT_URI, code_verifier: seeded.verifier });
    assert.equal((await post(payload, { authorization: basic('web', SECRET) })).statusCode, 200);
    const replay = await post(payload, { authorization: basic('web', SECRET) });
    assert.equal(replay.statusCode, 400);
    assert.equal(replay.json().error, 'invalid_grant');
    assert.match(replay.json().error_hint, /^The authorization code was already used; the tokens issued with it have been revoked\./);
    assert.equal(replay.headers['cache-control'], 'no-store');
  });

  test('a JSON body is invalid_request with a description and a hint that show the fix', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: { 'content-type': 'application/json', authorization: basic('web', SECRET) },
      payload: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
    assert.equal(res.json().error_description, 'The token endpoint takes application/x-www-form-urlencoded (RFC 6749 Section 4.1.3), not JSON.');
    assert.match(res.json().error_hint, /Content-Type: application\/x-www-form-urlencoded" and a body like grant_type=authorization_code/);
  });

  test('GET is refused: the token endpoint takes POST only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/oauth2/token?grant_type=client_credentials' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
    assert.equal(res.headers.allow, 'POST');
  });

  test('a missing grant_type is invalid_request', async () => {
    const res = await post(form({ scope: 'email' }), { authorization: basic('web', SECRET) });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
  });

  test('a repeated parameter is invalid_request (RFC 6749 §3.2)', async () => {
    const res = await post('grant_type=client_credentials&scope=email&scope=openid', { authorization: basic('web', SECRET) });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
  });

  test('a wrong Basic secret is 401 invalid_client with WWW-Authenticate', async () => {
    const res = await post(form({ grant_type: 'client_credentials' }), { authorization: basic('web', 'wrong') });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error, 'invalid_client');
    assert.match(String(res.headers['www-authenticate']), /^Basic/);
  });

  test('the auth-method mismatch names both methods in the hint', async () => {
    const res = await post(form({ grant_type: 'client_credentials', client_id: 'web', client_secret: SECRET }));
    assert.equal(res.statusCode, 401);
    assert.match(res.json().error_hint, /^The client is registered with client_secret_basic but the request used client_secret_post: send the credentials in the Authorization header/);
  });

  test('unsupported grant types say which grants Olympus supports', async () => {
    const res = await post(form({ grant_type: 'password', username: 'u', password: 'p' }), { authorization: basic('web', SECRET) });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'unsupported_grant_type');
    assert.match(res.json().error_hint, /Olympus supports authorization_code, refresh_token, client_credentials/);
  });
});
