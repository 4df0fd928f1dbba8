/**
 * U+0000 in any value of a body is refused with a 400 that names it, on SQLite and PostgreSQL alike
 * (docs/security.md AS-45) — PostgreSQL cannot store it, and a field without rules of its own must
 * not turn into a 500 there while SQLite keeps the character. Fields with rules (emails, identifiers)
 * keep their own answer (test/identifier-refusals.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { createClient, tokenRequest } from './support/flow.ts';

const json = async (url: string, method: string, body: unknown) => {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

const assertNamesNul = (answer: { status: number; body: Record<string, any> }, what: string) => {
  assert.equal(answer.status, 400, `${what}: ${JSON.stringify(answer.body)}`);
  const text = JSON.stringify(answer.body);
  assert.match(text, /U\+0000/, `${what}: the answer names the character`);
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`U+0000 in a body is a 400 on every route (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startTestServer(kind);
    });
    after(() => olympus?.close());

    test('a client name, an identity\'s external id and metadata, a token request\'s client id', async () => {
      assertNamesNul(await json(`${olympus.adminUrl}/admin/clients`, 'POST', { client_name: 'nul\u0000name', redirect_uris: ['https://app.example/cb'] }), 'client_name');
      const identity = { schema_id: 'default', traits: { email: 'nul-field@example.com' } };
      assertNamesNul(await json(`${olympus.adminUrl}/admin/identities`, 'POST', { ...identity, external_id: 'ext\u0000id' }), 'external_id');
      assertNamesNul(await json(`${olympus.adminUrl}/admin/identities`, 'POST', { ...identity, metadata_public: { note: 'a\u0000b' } }), 'metadata_public');
      const { client_id, client_secret } = await createClient(olympus.adminUrl, { grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_post' });
      const token = await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials', client_id: `${client_id}\u0000`, client_secret: client_secret! });
      assert.notEqual(token.status, 500, JSON.stringify(token.body));
      assert.ok(token.status === 400 || token.status === 401, `refused: ${token.status} ${JSON.stringify(token.body)}`);
      assert.equal((await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials', client_id, client_secret: client_secret! })).status, 200, 'the client itself still works');
    });

    test('nothing of a refused body was stored, and the literal text \\u0000 is an ordinary value', async () => {
      const list = (await (await fetch(`${olympus.adminUrl}/admin/clients`)).json()) as Array<{ client_name: string }>;
      assert.ok(list.every((c) => !c.client_name.includes('\u0000')));
      const literal = await json(`${olympus.adminUrl}/admin/clients`, 'POST', { client_name: 'backslash \\u0000 text', redirect_uris: ['https://app.example/cb'] });
      assert.equal(literal.status, 201, JSON.stringify(literal.body));
      assert.equal(literal.body.client_name, 'backslash \\u0000 text');
    });
  });
}
