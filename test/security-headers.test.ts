/**
 * docs/security.md §1.4–§1.5 and AS-34 against a real Olympus on SQLite and PostgreSQL: state and
 * iss in authorization responses, browser hardening headers, no 307, output encoding, metadata.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser, queryOf, type Hop } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { authHeader, authorizeFully, startProductionServer } from './support/security.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const SPA_ORIGIN = 'https://spa.example';

/** AS-22/AS-23/AS-25: the headers every Olympus HTML page carries. */
const assertHardenedHtml = (hop: Hop): void => {
  assert.match(hop.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(hop.headers.get('content-security-policy') ?? '', /(^|;\s*)frame-ancestors 'none'(;|$)/);
  assert.equal(hop.headers.get('x-frame-options'), 'DENY');
  assert.equal(hop.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(hop.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(hop.headers.get('cache-control'), 'no-store');
};

/** AS-23: no third-party resources — every src/href/action is relative or on the Olympus origin. */
const assertNoExternalResources = (body: string, ownOrigin: string, allowed: string[] = []): void => {
  for (const [, , url] of body.matchAll(/\b(src|href|action)="([^"]*)"/g)) {
    if (url.startsWith('/') && !url.startsWith('//')) continue;
    if (url.startsWith('#')) continue; // a same-document link (the skip link)
    assert.ok(url.startsWith(`${ownOrigin}/`) || allowed.includes(url), `external resource ${url}`);
  }
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`security: authorization responses and browser hardening (${kind})`, () => {
    let olympus: TestServer;
    let client: { client_id: string; client_secret?: string };
    before(async () => {
      olympus = await startTestServer(kind);
      client = await createClient(olympus.adminUrl, {
        grant_types: ['authorization_code', 'refresh_token'], scope: 'openid offline_access', redirect_uris: [REDIRECT], allowed_cors_origins: [SPA_ORIGIN],
      });
    });
    after(() => olympus?.close());

    const authorize = (params: Record<string, string>, init: RequestInit = {}) =>
      new Browser().request(authorizeUrl(olympus.publicUrl, {
        client_id: client.client_id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', ...params,
      }), init);

    const discovery = async () => (await (await fetch(`${olympus.publicUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;

    // AS-19: state comes back unchanged on success and on error, unicode and 512 bytes included.
    test('AS-19: state round-trips unicode and 512 bytes, on success and on error', async () => {
      const states = ['état ✓ 🙂 日本語 &=?#+%', 'x'.repeat(512), `${'é'.repeat(255)}ab`];
      assert.equal(Buffer.byteLength(states[2]), 512);
      for (const state of states) {
        const ok = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT, state });
        assert.equal(ok.query.get('state'), state);
        assert.ok(ok.query.get('code'));
        const failed = queryOf((await authorize({ state })).location);
        assert.equal(failed.get('error'), 'invalid_request', 'no PKCE challenge: an error at the client');
        assert.equal(failed.get('state'), state);
      }
    });

    // AS-20: RFC 9207 — iss on success and error equals the metadata issuer byte for byte, and is advertised.
    test('AS-20: iss in success and error responses equals the discovery issuer; support is advertised', async () => {
      const meta = await discovery();
      assert.equal(meta.authorization_response_iss_parameter_supported, true);
      const ok = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT });
      assert.equal(ok.query.get('iss'), meta.issuer);
      const failed = queryOf((await authorize({ state: 's' })).location);
      assert.equal(failed.get('error'), 'invalid_request');
      assert.equal(failed.get('iss'), meta.issuer);
      const { challenge } = pkcePair();
      const prompted = queryOf((await authorize({ prompt: 'none', code_challenge: challenge, code_challenge_method: 'S256' })).location);
      assert.equal(prompted.get('error'), 'login_required');
      assert.equal(prompted.get('iss'), meta.issuer);
    });

    // AS-20/AS-26: the form_post response carries iss too, escapes its values, and is hardened.
    test('AS-20/AS-26: a form_post error response carries iss and an escaped, quote-breaking state', async () => {
      const meta = await discovery();
      const state = '"><script>alert(1)</script>';
      const hop = await authorize({ response_mode: 'form_post', state });
      assert.equal(hop.status, 200);
      assertHardenedHtml(hop);
      assert.ok(hop.body.includes(`name="iss" value="${meta.issuer}"`), 'iss field');
      assert.ok(hop.body.includes('name="state" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'), 'state escaped');
      assert.ok(!hop.body.includes(state), 'the raw state is never reflected');
      assert.ok(hop.body.includes(`action="${REDIRECT}"`));
    });

    // AS-22/AS-23/AS-25: the error page is not frameable, leaks no referrer, is not cached or sniffed, loads nothing external.
    test('AS-22/23/25: the error page carries CSP frame-ancestors, XFO DENY, no-referrer, no-store and nosniff', async () => {
      const hop = await authorize({ client_id: 'nobody' });
      assert.equal(hop.status, 401);
      assertHardenedHtml(hop);
      assertNoExternalResources(hop.body, olympus.publicUrl);
      const fallback = await new Browser().get(`${olympus.publicUrl}/oauth2/fallbacks/error?error=x`);
      assertHardenedHtml(fallback);
      assertNoExternalResources(fallback.body, olympus.publicUrl);
    });

    // AS-23/AS-25: authorization redirects (to the login UI and to the client) are not cached and send no referrer.
    test('AS-23/25: authorization redirects carry Cache-Control no-store, Referrer-Policy no-referrer and nosniff', async () => {
      const { challenge } = pkcePair();
      for (const hop of [await authorize({ code_challenge: challenge, code_challenge_method: 'S256' }), await authorize({})]) {
        assert.equal(hop.status, 302);
        assert.equal(hop.headers.get('cache-control'), 'no-store');
        assert.equal(hop.headers.get('referrer-policy'), 'no-referrer');
        assert.equal(hop.headers.get('x-content-type-options'), 'nosniff');
      }
    });

    // AS-25: RFC 6749 §5.1 — token responses, successful or not, are never cached.
    test('AS-25: token responses and token errors carry Cache-Control no-store and Pragma no-cache', async () => {
      const { code, verifier } = await authorizeFully(olympus, client.client_id, { redirectUri: REDIRECT });
      const ok = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, authHeader(client));
      const failed = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, authHeader(client));
      assert.equal(ok.status, 200);
      assert.equal(failed.status, 400);
      for (const res of [ok, failed]) {
        assert.equal(res.headers.get('cache-control'), 'no-store');
        assert.equal(res.headers.get('pragma'), 'no-cache');
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      }
    });

    // AS-25: RFC 9700 §2.6 — no CORS on the authorization endpoint, even for a registered origin.
    test('AS-25: /oauth2/auth answers no CORS headers, not even for a client\'s allowed origin', async () => {
      const { challenge } = pkcePair();
      const get = await authorize({ code_challenge: challenge, code_challenge_method: 'S256' }, { headers: { origin: SPA_ORIGIN } });
      assert.equal(get.headers.get('access-control-allow-origin'), null);
      const preflight = await fetch(`${olympus.publicUrl}/oauth2/auth`, {
        method: 'OPTIONS', headers: { origin: SPA_ORIGIN, 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      const token = await fetch(`${olympus.publicUrl}/oauth2/token`, { method: 'OPTIONS', headers: { origin: SPA_ORIGIN, 'access-control-request-method': 'POST' } });
      assert.equal(token.headers.get('access-control-allow-origin'), SPA_ORIGIN, 'control: the token endpoint does allow the origin');
    });

    // AS-24: RFC 9700 §4.12 — a POST is never answered with 307/308, which would replay the body elsewhere.
    test('AS-24: a POST to /oauth2/auth answers 303 (to the login UI and with an error), never 307 or 308', async () => {
      const { challenge } = pkcePair();
      const post = (params: Record<string, string>) => new Browser().request(`${olympus.publicUrl}/oauth2/auth`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: client.client_id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', ...params }),
      });
      const toLogin = await post({ code_challenge: challenge, code_challenge_method: 'S256' });
      assert.equal(toLogin.status, 303);
      assert.ok(toLogin.location?.includes('login_challenge='));
      const toClient = await post({});
      assert.equal(toClient.status, 303);
      assert.equal(queryOf(toClient.location).get('error'), 'invalid_request');
    });

    // AS-26: Hydra CVE-2019-8400 — error pages HTML-escape what the request put into the error text.
    test('AS-26: the error page escapes markup from a client_id and from error parameters', async () => {
      const evil = '<script>alert(1)</script>';
      const page = await authorize({ client_id: evil });
      assert.equal(page.status, 401);
      assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the client_id is shown escaped');
      assert.ok(!page.body.includes(evil));
      const fallback = await new Browser().get(`${olympus.publicUrl}/oauth2/fallbacks/error?${new URLSearchParams({ error: evil, error_description: `"'><img src=x onerror=alert(1)>`, error_hint: evil })}`);
      assert.equal(fallback.status, 200);
      assert.ok(!fallback.body.includes('<script>alert'));
      assert.ok(!fallback.body.includes('<img src=x'));
      assert.ok(fallback.body.includes('&lt;img src=x onerror=alert(1)&gt;'));
    });

    // AS-34: RFC 8414 §3 / OIDC Discovery §4 — issuer is where the document is served; endpoints exist; S256 only.
    test('AS-34: discovery issuer equals the URL it is served from, every endpoint answers, S256 only', async () => {
      for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
        const res = await fetch(`${olympus.publicUrl}${path}`);
        assert.equal(res.status, 200, path);
        const meta = (await res.json()) as Record<string, unknown>;
        assert.equal(meta.issuer, olympus.publicUrl, path);
        assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
        assert.deepEqual(meta.response_types_supported, ['code']);
        assert.ok(!(meta.grant_types_supported as string[]).some((g) => g === 'password' || g === 'implicit'));
        const endpoints = Object.entries(meta).filter(([k, v]) => (k.endsWith('_endpoint') || k === 'jwks_uri') && typeof v === 'string');
        assert.ok(endpoints.length >= 6, `endpoints advertised: ${endpoints.map(([k]) => k).join(', ')}`);
        for (const [name, url] of endpoints as Array<[string, string]>) {
          assert.ok(url.startsWith(`${olympus.publicUrl}/`), `${name} lives under the issuer`);
          const method = name === 'token_endpoint' || name === 'revocation_endpoint' ? 'POST' : 'GET';
          const answer = await fetch(url, { method, redirect: 'manual' });
          assert.notEqual(answer.status, 404, `${name} ${method} ${url}`);
          assert.ok(answer.status < 500, `${name} answered ${answer.status}`);
        }
      }
    });
  });

  describe(`security: production headers (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startProductionServer(kind);
    });
    after(() => olympus?.close());

    // AS-25: ASVS 5.0 3.4.1 — HSTS of at least one year once the issuer is https.
    test('AS-25: with an https issuer every response carries HSTS of at least one year', async () => {
      for (const url of [`${olympus.publicUrl}/.well-known/openid-configuration`, `${olympus.publicUrl}/oauth2/auth?client_id=nobody`]) {
        const res = await fetch(url, { redirect: 'manual' });
        const hsts = res.headers.get('strict-transport-security') ?? '';
        const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
        assert.ok(maxAge >= 31_536_000, `HSTS on ${url}: "${hsts}"`);
      }
    });

    // AS-20: the iss parameter is the configured issuer, not the URL the request arrived on.
    test('AS-20: iss in an error response is the configured https issuer', async () => {
      const client = await createClient(olympus.adminUrl, { scope: 'openid', redirect_uris: ['http://127.0.0.1/cb'], token_endpoint_auth_method: 'none' });
      const hop = await new Browser().get(authorizeUrl(olympus.publicUrl, { client_id: client.client_id, response_type: 'code', redirect_uri: 'http://127.0.0.1/cb' }));
      assert.equal(hop.status, 302);
      assert.equal(queryOf(hop.location).get('iss'), 'https://auth.olympus.test');
    });
  });
}
