/**
 * docs/security.md §1.1 (redirect URIs and open redirectors) against a real Olympus, on SQLite and
 * PostgreSQL: exact matching at /oauth2/auth, the loopback port exception, registration rules in
 * production mode, duplicated parameters and logout redirects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser, queryOf } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';
import { assertErrorPage, authorizeFully, startProductionServer } from './support/security.ts';

const APP = 'https://app.example/cb';
const LOOPBACK = 'http://127.0.0.1/cb';

/** AS-1: every variant an attacker could try against a registered https://app.example/cb. */
const BYPASSES = [
  'https://APP.example/cb',
  'HTTPS://app.example/cb',
  'https://app.example/CB',
  'https://app.example/cb/',
  'https://app.example/cb?x=1',
  'https://app.example/cb#f',
  'https://app.example/cb/../cb',
  'https://app.example/cb/%2E%2E/',
  'https://app.example/cb/%252E%252E/',
  'https://app.example/cb/..;/x',
  'https://app.example.evil.com/cb',
  'https://app.example@evil.com/cb',
  'https://app.example@@evil.com/cb',
  'https://evil.com#@app.example/cb',
];

const postClient = (adminUrl: string, body: Record<string, unknown>) =>
  fetch(`${adminUrl}/admin/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`security: redirect URIs at the authorization endpoint (${kind})`, () => {
    let olympus: TestServer;
    let app: { client_id: string };
    let native: { client_id: string };
    before(async () => {
      olympus = await startTestServer(kind);
      app = await createClient(olympus.adminUrl, { scope: 'openid offline_access', redirect_uris: [APP], grant_types: ['authorization_code', 'refresh_token'] });
      native = await createClient(olympus.adminUrl, {
        scope: 'openid', redirect_uris: [LOOPBACK, 'http://[::1]/cb', 'http://localhost/cb'], token_endpoint_auth_method: 'none',
      });
    });
    after(() => olympus?.close());

    const authorize = (clientId: string, redirectUri: string, extra: Record<string, string> = {}) => {
      const { challenge } = pkcePair();
      return new Browser().get(authorizeUrl(olympus.publicUrl, {
        client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'openid', state: 's',
        code_challenge: challenge, code_challenge_method: 'S256', ...extra,
      }));
    };

    // AS-1: exact string matching — each variant gets the 400 error page and no Location.
    test('AS-1: every bypass variant of a registered https URI is refused with the error page, never redirected', async () => {
      const control = await authorize(app.client_id, APP);
      assert.equal(control.status, 302, 'the registered URI itself is accepted');
      assert.ok(control.location?.includes('login_challenge='));
      for (const variant of BYPASSES) {
        const hop = await authorize(app.client_id, variant);
        assertErrorPage(hop, 400, 'invalid_request');
        assert.ok(!hop.body.includes('href="https://evil.com'), `no link to the attacker for ${variant}`);
      }
    });

    // AS-2: RFC 8252 §7.3 — any port for a loopback IP literal, path must still match exactly.
    test('AS-2: a loopback IP accepts any port but nothing else', async () => {
      const withPort = await authorize(native.client_id, 'http://127.0.0.1:51004/cb');
      assert.equal(withPort.status, 302);
      assert.ok(withPort.location?.includes('login_challenge='), `accepted: ${withPort.location}`);
      const ipv6 = await authorize(native.client_id, 'http://[::1]:51004/cb');
      assert.ok(ipv6.location?.includes('login_challenge='), `[::1] with a port is accepted: ${ipv6.location}`);
      for (const variant of ['http://127.0.0.1:51004/cb2', 'http://[::1]:51004/cb/', 'http://127.0.0.1:51004/CB', 'http://127.0.0.1.evil.com/cb', 'http://127a0b0c1/cb', 'http://127.0.0.1:51004/cb?x=1', 'https://127.0.0.1:51004/cb']) {
        assertErrorPage(await authorize(native.client_id, variant), 400, 'invalid_request');
      }
    });

    // AS-2: `localhost` gets no any-port exception (a name can resolve elsewhere); only the exact registered URI works.
    test('AS-2: http://localhost is matched exactly, without the loopback port exception', async () => {
      const exact = await authorize(native.client_id, 'http://localhost/cb');
      assert.equal(exact.status, 302);
      assert.ok(exact.location?.includes('login_challenge='));
      assertErrorPage(await authorize(native.client_id, 'http://localhost:51004/cb'), 400, 'invalid_request');
    });

    // AS-2: a full flow through a loopback redirect with an ephemeral port ends at that port.
    test('AS-2: the code is delivered to the loopback port the app asked for', async () => {
      const { callback, code } = await authorizeFully(olympus, native.client_id, { redirectUri: 'http://127.0.0.1:51004/cb', scope: 'openid' });
      assert.ok(callback.startsWith('http://127.0.0.1:51004/cb?'), callback);
      assert.ok(code);
    });

    // AS-4: unknown client, unregistered URI, missing client_id → page, never a Location.
    test('AS-4: an unknown client or an unregistered redirect URI is never redirected to', async () => {
      assertErrorPage(await authorize('no-such-client', 'https://evil.example/cb'), 401, 'invalid_client');
      assertErrorPage(await authorize(app.client_id, 'https://evil.example/cb'), 400, 'invalid_request');
      const noClient = await new Browser().get(`${olympus.publicUrl}/oauth2/auth?response_type=code&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`);
      assertErrorPage(noClient, 400, 'invalid_request');
    });

    // AS-4: with several registered URIs and none named, the server must not pick one.
    test('AS-4: a missing redirect_uri with several registered URIs shows the page', async () => {
      const hop = await new Browser().get(authorizeUrl(olympus.publicUrl, { client_id: native.client_id, response_type: 'code', scope: 'openid' }));
      assertErrorPage(hop, 400, 'invalid_request');
    });

    // AS-6: RFC 6749 §3.1 — a repeated parameter is invalid_request, and nothing is redirected.
    test('AS-6: duplicated client_id, redirect_uri or code_challenge in the query → invalid_request, no redirect', async () => {
      const { challenge } = pkcePair();
      const base = `client_id=${app.client_id}&response_type=code&scope=openid&state=s&code_challenge_method=S256`;
      const cases = [
        `${base}&client_id=${app.client_id}&redirect_uri=${encodeURIComponent(APP)}&code_challenge=${challenge}`,
        `${base}&redirect_uri=${encodeURIComponent(APP)}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}&code_challenge=${challenge}`,
        `${base}&redirect_uri=${encodeURIComponent(APP)}&code_challenge=${challenge}&code_challenge=${pkcePair().challenge}`,
      ];
      for (const query of cases) {
        const hop = await new Browser().get(`${olympus.publicUrl}/oauth2/auth?${query}`);
        assert.equal(hop.status, 400, query);
        assert.equal(hop.location, null);
        assert.match(hop.body, /invalid_request/);
        assert.match(hop.body, /more than once/);
      }
    });

    // AS-6: the same rule for a POSTed authorization request.
    test('AS-6: duplicated parameters in a POSTed authorization request → invalid_request', async () => {
      const { challenge } = pkcePair();
      const body = `client_id=${app.client_id}&client_id=other&response_type=code&redirect_uri=${encodeURIComponent(APP)}&code_challenge=${challenge}&code_challenge_method=S256`;
      const hop = await new Browser().request(`${olympus.publicUrl}/oauth2/auth`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body,
      });
      assert.equal(hop.status, 400);
      assert.equal(hop.location, null);
      assert.match(hop.body, /invalid_request/);
    });
  });

  describe(`security: logout redirects (${kind})`, () => {
    let olympus: TestServer;
    let client: { client_id: string };
    let other: { client_id: string };
    before(async () => {
      olympus = await startTestServer(kind);
      client = await createClient(olympus.adminUrl, {
        scope: 'openid', redirect_uris: [APP], post_logout_redirect_uris: ['https://app.example/logged-out'], token_endpoint_auth_method: 'none',
      });
      other = await createClient(olympus.adminUrl, {
        scope: 'openid', redirect_uris: ['https://other.example/cb'], post_logout_redirect_uris: ['https://other.example/bye'], token_endpoint_auth_method: 'none',
      });
    });
    after(() => olympus?.close());

    const logout = (params: Record<string, string>) =>
      new Browser().get(`${olympus.publicUrl}/oauth2/sessions/logout?${new URLSearchParams(params)}`);

    // AS-7: RP-initiated logout is not an open redirector.
    test('AS-7: an unregistered post_logout_redirect_uri is refused with the error page', async () => {
      const registered = await logout({ client_id: client.client_id, post_logout_redirect_uri: 'https://app.example/logged-out', state: 'x' });
      assert.equal(registered.status, 302, 'control: the registered URI is followed');
      assert.equal(registered.location, 'https://app.example/logged-out?state=x');
      for (const uri of ['https://evil.example/', 'https://app.example/logged-out/', 'https://app.example.evil.com/logged-out', '//evil.example/', 'https://other.example/bye']) {
        assertErrorPage(await logout({ client_id: client.client_id, post_logout_redirect_uri: uri }), 400, 'invalid_request');
      }
      assertErrorPage(await logout({ post_logout_redirect_uri: 'https://app.example/logged-out' }), 400, 'invalid_request');
    });

    // AS-7: a post-logout URI must share the origin of a redirect URI at registration.
    test('AS-7: registering a post_logout_redirect_uri on a foreign host is refused', async () => {
      const res = await postClient(olympus.adminUrl, {
        redirect_uris: [APP], post_logout_redirect_uris: ['https://evil.example/bye'], token_endpoint_auth_method: 'none',
      });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error, 'invalid_redirect_uri');
    });

    // AS-7: without a (registered) post_logout_redirect_uri the browser lands on Olympus' own page.
    test('AS-7: logout without post_logout_redirect_uri stays on the Olympus origin', async () => {
      const hop = await logout({ client_id: other.client_id });
      assert.equal(hop.status, 302);
      assert.ok(hop.location?.startsWith(`${olympus.publicUrl}/`), hop.location ?? '');
    });
  });

  describe(`security: redirect URI registration in production mode (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startProductionServer(kind);
    });
    after(() => olympus?.close());

    const register = async (uri: string) => {
      const res = await postClient(olympus.adminUrl, { redirect_uris: [uri], token_endpoint_auth_method: 'none' });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    // AS-3: RFC 9700 §2.6 — no plain http except loopback; RFC 6749 §3.1.2 — no fragment; no script schemes.
    test('AS-3: http to a non-loopback host, fragments and script schemes are refused at registration', async () => {
      for (const uri of [
        'http://example.com/cb', 'https://app.example/cb#x', 'https://app.example/cb#',
        'javascript:alert(1)', 'JavaScript:alert(1)', 'JAVASCRIPT://app.example/%0aalert(1)',
        'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'https://app.example/*',
      ]) {
        const res = await register(uri);
        assert.equal(res.status, 400, uri);
        assert.equal(res.body.error, 'invalid_redirect_uri', uri);
      }
    });

    // AS-3: the same rules on update (PUT and PATCH).
    test('AS-3: updating a client to an unsafe redirect URI is refused', async () => {
      const created = await register('https://app.example/cb');
      assert.equal(created.status, 201);
      const id = String(created.body.client_id);
      const put = await fetch(`${olympus.adminUrl}/admin/clients/${id}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: ['JavaScript:alert(1)'], token_endpoint_auth_method: 'none' }),
      });
      assert.equal(put.status, 400);
      assert.equal((await put.json()).error, 'invalid_redirect_uri');
      const patch = await fetch(`${olympus.adminUrl}/admin/clients/${id}`, {
        method: 'PATCH', headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ op: 'add', path: '/redirect_uris/-', value: 'http://example.com/cb' }]),
      });
      assert.equal(patch.status, 400);
      assert.equal((await patch.json()).error, 'invalid_redirect_uri');
    });

    // AS-2/AS-3: loopback stays allowed over http in production, localhost included (RFC 8252 §7.3).
    test('AS-3: http loopback redirect URIs are accepted in production', async () => {
      for (const uri of ['http://127.0.0.1/cb', 'http://[::1]/cb', 'http://localhost/cb']) {
        assert.equal((await register(uri)).status, 201, uri);
      }
    });

    // AS-5: a registered URI must not carry parameters the server adds itself (RFC 9207 mix-up).
    test('AS-5: redirect URIs with code=, state=, iss=, error= or id_token= are refused', async () => {
      for (const uri of [
        'https://app.example/cb?code=1', 'https://app.example/cb?state=1', 'https://app.example/cb?iss=https://evil.example',
        'https://app.example/cb?error=x', 'https://app.example/cb?a=1&id_token=x', 'https://app.example/cb#id_token=x',
      ]) {
        const res = await register(uri);
        assert.equal(res.status, 400, uri);
        assert.equal(res.body.error, 'invalid_redirect_uri', uri);
      }
      assert.equal((await register('https://app.example/cb?tenant=1')).status, 201, 'control: other query parameters are fine');
    });
  });
}
