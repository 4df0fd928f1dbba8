/**
 * Redaction of trace evidence (docs/security.md AS-50): what must never be stored, by member name and
 * by value shape, and the ids, URIs and settings that must pass unchanged.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { REDACTED, looksSecret, redactEvidence } from '../src/index.ts';

const random = (bytes: number): string => randomBytes(bytes).toString('base64url');

const SECRET_SHAPES: [string, string][] = [
  ['an opaque access token', `ory_at_${random(32)}.${random(32)}`],
  ['a refresh token', `ory_rt_${random(32)}.${random(32)}`],
  ['an authorization code', `ory_ac_${random(32)}.${random(32)}`],
  ['a JWT', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWhlcmUtMTIz'],
  ['a PKCE verifier (43 base64url characters)', random(32)],
  ['a random secret (hex)', randomBytes(24).toString('hex')],
  ['a whole cookie header', `olympus_session=${random(32)}; olympus_csrf=${random(32)}`],
  ['a cookie pair', `ory_kratos_session=MTcwMDAwMDAwMHxhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5`],
  ['a URL carrying a code', `https://app.example.com/cb?code=${random(32)}&state=xyz`],
];

const INNOCENT: [string, string][] = [
  ['a UUID', randomUUID()],
  ['a redirect URI', 'http://127.0.0.1:8765/callback'],
  ['a redirect URI with a trailing slash', 'https://app.example.com/oauth/callback/'],
  ['scopes', 'openid profile email offline_access'],
  ['an auth method', 'client_secret_basic'],
  ['a grant type', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
  ['an error code', 'security_csrf_violation'],
  ['an AAL', 'aal2'],
  ['a method', 'password'],
  ['a sentence', 'The provided credentials are invalid, check for spelling mistakes.'],
];

for (const [what, value] of SECRET_SHAPES) {
  test(`AS-50: ${what} is refused by its shape, under any name`, () => {
    assert.ok(looksSecret(value), value);
    assert.deepEqual(redactEvidence({ note: value, list: [value], nested: { deeper: value } }), { note: REDACTED, list: [REDACTED], nested: { deeper: REDACTED } });
  });
}

for (const [what, value] of INNOCENT) {
  test(`${what} passes unchanged`, () => {
    assert.ok(!looksSecret(value), value);
    assert.deepEqual(redactEvidence({ value }), { value });
  });
}

test('AS-50: members named like secrets keep only presence flags and counts, whatever their value looks like', () => {
  const evidence = {
    password: 'hunter2',
    client_secret: 'short',
    code: 'abc',
    code_verifier: 'v',
    csrf_cookie: 'c',
    csrf_token: 't',
    refresh_token: 'r',
    session_cookie: { value: 'x' },
    csrf_cookie_present: true,
    csrf_token_present: false,
    csrf_tokens_equal: null,
    password_attempts: 3,
  };
  assert.deepEqual(redactEvidence(evidence), {
    password: REDACTED, client_secret: REDACTED, code: REDACTED, code_verifier: REDACTED, csrf_cookie: REDACTED, csrf_token: REDACTED,
    refresh_token: REDACTED, session_cookie: REDACTED,
    csrf_cookie_present: true, csrf_token_present: false, csrf_tokens_equal: null, password_attempts: 3,
  });
});

test('settings named after a secret pass: the registered and attempted client auth methods, the PKCE method', () => {
  const evidence = { registered_auth_method: 'client_secret_basic', attempted_auth_method: 'client_secret_post', code_challenge_method: 'S256', grant_type: 'authorization_code' };
  assert.deepEqual(redactEvidence(evidence), evidence);
});

test('redaction copies: the evidence given is left as it was', () => {
  const evidence = { nested: { token: 'x' } };
  redactEvidence(evidence);
  assert.deepEqual(evidence, { nested: { token: 'x' } });
});

test('AS-50: the names of the cookies a request carried pass, however long; a token or random value among them does not', () => {
  const names = ['__Host-olympus_session', '__Host-olympus_oauth2_session', 'olympus_csrf', 'ory_kratos_session', 'next-auth.session-token'];
  const smuggled = [`ory_at_${random(16)}`, randomBytes(24).toString('hex'), 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWhlcmUtMTIz', 'a=b'];
  assert.deepEqual(redactEvidence({ cookies_received: [...names, ...smuggled] }), { cookies_received: [...names, ...smuggled.map(() => REDACTED)] });
  assert.deepEqual(redactEvidence({ cookies_received: 'olympus_csrf=x' }), { cookies_received: REDACTED }, 'only a list of names is read as names');
});
