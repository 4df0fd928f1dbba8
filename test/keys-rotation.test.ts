/**
 * Signing-key rotation through the admin API (OIDC Core §10.1.1, docs/security.md AS-42): a new
 * key is published before it signs, so relying parties that cache the JWKS never see an unknown kid.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { createClient } from './support/flow.ts';
import { freshSubject, signIn, type RegisteredClient } from './support/sessions.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const ID_TOKEN_SET = 'hydra.openid.id-token';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`signing key rotation (${kind})`, () => {
    let olympus: TestServer;
    let rp: RegisteredClient;

    before(async () => {
      olympus = await startTestServer(kind);
      rp = {
        ...(await createClient(olympus.adminUrl, { grant_types: ['authorization_code'], scope: 'openid', redirect_uris: [REDIRECT] })),
        redirectUri: REDIRECT,
      };
    });
    after(() => olympus?.close());

    const publishedJwks = async (): Promise<{ keys: JWK[] }> => {
      const res = await fetch(`${olympus.publicUrl}/.well-known/jwks.json`);
      assert.equal(res.status, 200);
      return (await res.json()) as { keys: JWK[] };
    };

    const idToken = async (): Promise<string> => {
      const { tokens } = await signIn(olympus, rp, new Browser(), { subject: freshSubject('keys'), scope: 'openid' });
      return tokens.id_token!;
    };

    const verifiesAgainstPublished = async (token: string) =>
      jwtVerify(token, createLocalJWKSet(await publishedJwks()), { issuer: olympus.publicUrl, audience: rp.client_id });

    test('a new ID-token key is published at once, but the old key keeps signing; deleting the old key hands over', async () => {
      const before = await idToken();
      const oldKid = decodeProtectedHeader(before).kid!;
      assert.ok(oldKid);

      const res = await fetch(`${olympus.adminUrl}/admin/keys/${ID_TOKEN_SET}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ alg: 'RS256', use: 'sig' }),
      });
      assert.equal(res.status, 201);
      const created = ((await res.json()) as { keys: JWK[] }).keys[0];
      assert.ok(created.kid && created.kid !== oldKid);
      assert.equal(created.alg, 'RS256');
      assert.equal(created.d, undefined, 'a default-set key never leaves the server with its private part');

      const kids = (await publishedJwks()).keys.map((k) => k.kid);
      assert.ok(kids.includes(created.kid), 'the new key is published before it signs');
      assert.ok(kids.includes(oldKid), 'the current key stays published');
      assert.ok((await publishedJwks()).keys.every((k) => k.d === undefined && k.p === undefined), 'the JWKS holds public parts only');

      const during = await idToken();
      assert.equal(decodeProtectedHeader(during).kid, oldKid, 'the old key still signs during the publish-ahead window');
      await verifiesAgainstPublished(during);

      const listed = await fetch(`${olympus.adminUrl}/admin/keys/${ID_TOKEN_SET}`);
      assert.deepEqual(((await listed.json()) as { keys: JWK[] }).keys.map((k) => k.kid).sort(), [oldKid, created.kid].sort());

      const deleted = await fetch(`${olympus.adminUrl}/admin/keys/${ID_TOKEN_SET}/${encodeURIComponent(oldKid)}`, { method: 'DELETE' });
      assert.equal(deleted.status, 204);
      const after = await idToken();
      assert.equal(decodeProtectedHeader(after).kid, created.kid, 'with the old key gone, the published new key signs');
      await verifiesAgainstPublished(after);
      assert.ok(!(await publishedJwks()).keys.some((k) => k.kid === oldKid), 'a deleted key is no longer published');
    });

    test('an unsupported algorithm is refused with a client error, not a 500', async () => {
      const res = await fetch(`${olympus.adminUrl}/admin/keys/${ID_TOKEN_SET}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ alg: 'none' }),
      });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_request');
    });
  });
}
