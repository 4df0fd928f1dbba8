/** Oversized bodies are refused with 413 and Olympus' error body, on both origins (no storage involved). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';

let olympus: TestServer;
before(async () => (olympus = await startTestServer('sqlite')));
after(() => olympus?.close());

test('a token request body over 64 KiB answers 413 invalid_request with a hint', async () => {
  const res = await fetch(`${olympus.publicUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&scope=${'a'.repeat(70 * 1024)}`,
  });
  assert.equal(res.status, 413);
  const body = await res.json();
  assert.equal(body.error, 'invalid_request');
  assert.match(body.error_hint, /64 KiB/);
  assert.ok(res.headers.get('x-request-id'));
});

test('an admin JSON body over 1 MiB answers 413', async () => {
  const res = await fetch(`${olympus.adminUrl}/admin/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'x'.repeat(1100 * 1024) }),
  });
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error, 'invalid_request');
});
