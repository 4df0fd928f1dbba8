import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomToken } from '@olympus/crypto';

test('randomToken gives distinct URL-safe tokens of the asked size, across pool refills', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const token = randomToken(32);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    seen.add(token);
  }
  assert.equal(seen.size, 2000, 'no bytes are handed out twice');
  assert.equal(Buffer.from(randomToken(16), 'base64url').length, 16);
  assert.equal(Buffer.from(randomToken(1024), 'base64url').length, 1024);
});
