/**
 * Redaction (docs/security.md AS-46): what the audit log must never keep, by name and by context,
 * and the settings that only sound like secrets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REDACTED, redact } from '../src/index.ts';

test('AS-46: secrets by name are masked at any depth: client secrets, passwords, hashes, tokens, recovery codes', () => {
  const value = {
    client_id: 'app',
    client_secret: 'plain-secret-1',
    registration_access_token: 'rat-1',
    metadata: { nested: [{ password: 'hunter2', hashed_password: '$argon2id$v=19$…', api_key: 'k-1' }] },
    recovery_code: '12345678',
    recovery_link: 'https://id.example/recovery?flow=1',
    credentials: { totp: { totp_url: 'otpauth://totp/x?secret=ABC' } },
  };
  assert.deepEqual(redact(value), {
    client_id: 'app',
    client_secret: REDACTED,
    registration_access_token: REDACTED,
    metadata: { nested: [{ password: REDACTED, hashed_password: REDACTED, api_key: REDACTED }] },
    recovery_code: REDACTED,
    recovery_link: REDACTED,
    credentials: { totp: { totp_url: REDACTED } },
  });
});

test('AS-46: the private members of a JWK are masked, its public members kept; the same names elsewhere are not JWK members', () => {
  const rsa = { kty: 'RSA', kid: 'k1', alg: 'RS256', n: 'modulus', e: 'AQAB', d: 'priv', p: 'p1', q: 'q1', dp: 'dp1', dq: 'dq1', qi: 'qi1', oth: [] };
  const oct = { kty: 'oct', kid: 'h1', k: 'symmetric' };
  const okp = { kty: 'OKP', crv: 'Ed25519', x: 'public', d: 'priv' };
  assert.deepEqual(redact({ keys: [rsa, oct, okp] }), {
    keys: [
      { kty: 'RSA', kid: 'k1', alg: 'RS256', n: 'modulus', e: 'AQAB', d: REDACTED, p: REDACTED, q: REDACTED, dp: REDACTED, dq: REDACTED, qi: REDACTED, oth: REDACTED },
      { kty: 'oct', kid: 'h1', k: REDACTED },
      { kty: 'OKP', crv: 'Ed25519', x: 'public', d: REDACTED },
    ],
  });
  assert.deepEqual(redact({ d: 4, k: 'v' }), { d: 4, k: 'v' });
});

test("AS-46: a credential's config is masked whole; its type and identifiers are kept, also under a name like a secret's", () => {
  const totp = { type: 'totp', identifiers: ['id-1'], config: { totp_url: 'otpauth://totp/x?secret=ABC' }, version: 0 };
  const lookup = { type: 'lookup_secret', identifiers: ['id-1'], config: { recovery_codes: [{ code: 'abcd-efgh' }] } };
  const password = { type: 'password', identifiers: ['ada@example.com'], config: { hashed_password: '$argon2id$…' } };
  assert.deepEqual(redact({ credentials: { totp, lookup_secret: lookup, password } }), {
    credentials: {
      totp: { type: 'totp', identifiers: ['id-1'], config: REDACTED, version: 0 },
      lookup_secret: { type: 'lookup_secret', identifiers: ['id-1'], config: REDACTED },
      password: { type: 'password', identifiers: ['ada@example.com'], config: REDACTED },
    },
  });
  assert.deepEqual(redact({ password: { type: 'totp', identifiers: [] } }), { password: REDACTED }, 'only under its own type');
  assert.deepEqual(redact({ password: 'plain' }), { password: REDACTED });
});

test('settings named after a secret stay readable; null and absent secrets stay what they are', () => {
  const client = {
    token_endpoint_auth_method: 'client_secret_basic',
    token_endpoint_auth_signing_alg: 'RS256',
    access_token_strategy: 'jwt',
    authorization_code_grant_refresh_token_lifespan: '720h0m0s',
    client_secret_expires_at: 0,
    client_secret: null,
  };
  assert.deepEqual(redact(client), client);
});

test('values that are not plain objects pass unchanged, and the input is not modified', () => {
  for (const value of [undefined, null, 1, 'text', true, ['a', 'b']]) assert.deepEqual(redact(value), value);
  const input = { client_secret: 's' };
  redact(input);
  assert.deepEqual(input, { client_secret: 's' });
});
