/**
 * CORS on a real Olympus: per-client allowed_cors_origins on the endpoints a browser app calls,
 * `*` on public discovery documents, never on /oauth2/auth (RFC 9700 §2.6) nor on the admin origin.
 * The origin cache is loaded by the first CORS request, so the client is registered before it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { createClient, pkcePair, tokenRequest } from './support/flow.ts';

const SPA = 'https://spa.example';
const EVIL = 'https://evil.example';
const REDIRECT = 'http://127.0.0.1:9/callback';

const preflight = (url: string, origin: string, method = 'POST') =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type, authorization' },
  });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`CORS (${kind})`, () => {
    let olympus: TestServer;
    let spa: { client_id: string };

    before(async () => {
      olympus = await startTestServer(kind);
      spa = await createClient(olympus.adminUrl, {
        grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access', redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'none', allowed_cors_origins: [SPA],
      });
    });
    after(() => olympus?.close());

    test('a preflight to the token endpoint from a registered origin is answered 204, echoing the origin', async () => {
      const res = await preflight(`${olympus.publicUrl}/oauth2/token`, SPA);
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), SPA);
      assert.match(res.headers.get('vary') ?? '', /origin/i);
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.match(res.headers.get('access-control-allow-headers') ?? '', /content-type/i);
    });

    test('the token response itself (an error here) carries the origin for the registered SPA', async () => {
      const res = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code: 'nope', client_id: spa.client_id, code_verifier: pkcePair().verifier, redirect_uri: REDIRECT }, { origin: SPA });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
      assert.equal(res.headers.get('access-control-allow-origin'), SPA, 'the SPA can read the error');
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /x-request-id/i);
    });

    test('an unregistered origin gets no Access-Control-Allow-Origin, neither on preflight nor on the request', async () => {
      const pre = await preflight(`${olympus.publicUrl}/oauth2/token`, EVIL);
      assert.equal(pre.headers.get('access-control-allow-origin'), null);
      assert.notEqual(pre.status, 204);
      const res = await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials' }, { origin: EVIL });
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      for (const path of ['/oauth2/revoke', '/userinfo']) {
        assert.equal((await preflight(`${olympus.publicUrl}${path}`, EVIL)).headers.get('access-control-allow-origin'), null, path);
        assert.equal((await preflight(`${olympus.publicUrl}${path}`, SPA)).headers.get('access-control-allow-origin'), SPA, path);
      }
    });

    test('discovery documents answer any origin with *', async () => {
      for (const path of ['/.well-known/openid-configuration', '/.well-known/jwks.json']) {
        const res = await fetch(`${olympus.publicUrl}${path}`, { headers: { origin: EVIL } });
        assert.equal(res.status, 200, path);
        assert.equal(res.headers.get('access-control-allow-origin'), '*', path);
        await res.arrayBuffer();
        assert.equal((await preflight(`${olympus.publicUrl}${path}`, 'https://any.example', 'GET')).headers.get('access-control-allow-origin'), '*', path);
      }
    });

    test('/oauth2/auth never sends CORS headers, even to a registered origin', async () => {
      const url = `${olympus.publicUrl}/oauth2/auth?client_id=${spa.client_id}&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}`;
      const get = await fetch(url, { headers: { origin: SPA }, redirect: 'manual' });
      assert.equal(get.headers.get('access-control-allow-origin'), null);
      const pre = await preflight(url, SPA, 'GET');
      assert.equal(pre.headers.get('access-control-allow-origin'), null);
    });

    test('the admin origin never sends CORS headers', async () => {
      for (const origin of [SPA, EVIL, olympus.publicUrl]) {
        const pre = await preflight(`${olympus.adminUrl}/admin/clients`, origin, 'GET');
        assert.equal(pre.headers.get('access-control-allow-origin'), null, `OPTIONS from ${origin}`);
        const get = await fetch(`${olympus.adminUrl}/admin/clients`, { headers: { origin } });
        assert.equal(get.status, 200);
        assert.equal(get.headers.get('access-control-allow-origin'), null, `GET from ${origin}`);
        await get.arrayBuffer();
        const legacy = await fetch(`${olympus.adminUrl}/clients`, { headers: { origin } });
        assert.equal(legacy.headers.get('access-control-allow-origin'), null, `legacy GET from ${origin}`);
        await legacy.arrayBuffer();
      }
    });
  });
}
