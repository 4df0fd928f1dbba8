/** diffOf: what a change changed, one entry per field, secrets compared but never kept (docs/security.md AS-46). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REDACTED, diffOf, newAuditEvent } from '../src/index.ts';

test('an update lists the changed fields by JSON Pointer, arrays whole, unchanged fields not at all', () => {
  const before = { client_name: 'old', redirect_uris: ['https://a/cb'], metadata: { team: 'x', keep: 1 }, scope: 'openid' };
  const after = { client_name: 'new', redirect_uris: ['https://a/cb', 'https://b/cb'], metadata: { team: 'y', keep: 1, 'a/b~c': true }, scope: 'openid' };
  assert.deepEqual(diffOf(before, after), [
    { path: '/client_name', before: 'old', after: 'new' },
    { path: '/redirect_uris', before: ['https://a/cb'], after: ['https://a/cb', 'https://b/cb'] },
    { path: '/metadata/team', before: 'x', after: 'y' },
    { path: '/metadata/a~1b~0c', after: true },
  ]);
});

test('a creation lists every field as added, a deletion every field as removed', () => {
  assert.deepEqual(diffOf(undefined, { a: 1, b: { c: 2 } }), [{ path: '/a', after: 1 }, { path: '/b/c', after: 2 }]);
  assert.deepEqual(diffOf({ a: 1 }, undefined), [{ path: '/a', before: 1 }]);
  assert.deepEqual(diffOf(undefined, undefined), []);
  assert.deepEqual(diffOf({ a: 1 }, { a: 1 }), []);
});

test('a value that changes shape is one entry; a scalar target diffs at the root', () => {
  assert.deepEqual(diffOf({ a: { b: 1 } }, { a: 'flat' }), [{ path: '/a', before: { b: 1 }, after: 'flat' }]);
  assert.deepEqual(diffOf('x', 'y'), [{ path: '', before: 'x', after: 'y' }]);
});

test('AS-46: a changed secret is recorded as changed, masked on both sides; an unchanged one not at all', () => {
  const before = { client_id: 'c', client_secret: 'old-plain', metadata: { api_token: 'same' } };
  const after = { client_id: 'c', client_secret: 'new-plain', metadata: { api_token: 'same' } };
  assert.deepEqual(diffOf(before, after), [{ path: '/client_secret', before: REDACTED, after: REDACTED }]);
  assert.deepEqual(diffOf({ id: 'c' }, { id: 'c', client_secret: 'issued' }), [{ path: '/client_secret', after: REDACTED }]);
  const created = JSON.stringify(diffOf(undefined, { client_secret: 'issued', nested: [{ password: 'pw' }], jwk: { kty: 'EC', d: 'private-d' } }));
  for (const secret of ['issued', 'pw', 'private-d']) assert.ok(!created.includes(secret), `${secret} is not in ${created}`);
});

test('AS-46: an event built from raw states and details holds no secret', () => {
  const event = newAuditEvent({
    actor: { kind: 'api_key', id: 'key-0badc0de', label: 'key-0badc0de' },
    action: 'client.secret.rotate',
    target: { type: 'client', id: 'c', label: 'App' },
    before: { client_id: 'c', updated_at: 't1' },
    after: { client_id: 'c', updated_at: 't2', client_secret: 'fresh-secret' },
    details: { recovery_code: '87654321', flow_type: 'browser' },
    requestId: 'req-1',
  }, Date.UTC(2025, 0, 2, 3, 4, 5, 6));
  assert.match(event.id, /^[0-9a-f-]{36}$/);
  assert.equal(event.time, '2025-01-02T03:04:05.006Z');
  assert.equal(event.outcome, 'success');
  assert.deepEqual(event.details, { recovery_code: REDACTED, flow_type: 'browser' });
  assert.deepEqual(event.diff, [{ path: '/updated_at', before: 't1', after: 't2' }, { path: '/client_secret', after: REDACTED }]);
  const stored = JSON.stringify(event);
  assert.ok(!stored.includes('fresh-secret') && !stored.includes('87654321'));
});

test("a credential added or removed is listed field by field, its config masked, whichever side it is on", () => {
  const password = { type: 'password', identifiers: ['ada@example.com'], config: { hashed_password: '$argon2id$v=19$x' } };
  assert.deepEqual(diffOf({ credentials: { password } }, { credentials: {} }), [
    { path: '/credentials/password/type', before: 'password' },
    { path: '/credentials/password/identifiers', before: ['ada@example.com'] },
    { path: '/credentials/password/config', before: REDACTED },
  ]);
  assert.deepEqual(diffOf({ credentials: {} }, { credentials: { password } })[2], { path: '/credentials/password/config', after: REDACTED });
});
