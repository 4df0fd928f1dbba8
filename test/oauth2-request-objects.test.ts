/**
 * OIDC Core §6: Olympus supports neither request objects by value (`request`) nor by reference
 * (`request_uri`). It says so in discovery and answers each with its own error code (§6.1, §6.2 and
 * §3.1.2.6: request_not_supported, request_uri_not_supported), sent back to the client's callback once
 * the client and redirect URI are trusted — on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser, queryOf } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
/** An unsigned request object (alg none): its content never matters, Olympus does not read it. */
const REQUEST_OBJECT = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"scope":"openid"}').toString('base64url')}.`;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`request objects (${kind})`, () => {
    let olympus: TestServer;
    let clientId: string;
    before(async () => {
      olympus = await startTestServer(kind);
      clientId = (await createClient(olympus.adminUrl, { grant_types: ['authorization_code'], redirect_uris: [REDIRECT], scope: 'openid' })).client_id;
    });
    after(() => olympus?.close());

    const authorize = (params: Record<string, string>) =>
      new Browser().get(authorizeUrl(olympus.publicUrl, {
        client_id: clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 's1',
        code_challenge: pkcePair().challenge, code_challenge_method: 'S256', ...params,
      }));

    test('discovery says request and request_uri are not supported', async () => {
      const doc = (await (await fetch(`${olympus.publicUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      assert.equal(doc.request_parameter_supported, false);
      assert.equal(doc.request_uri_parameter_supported, false);
    });

    for (const [param, value, code] of [
      ['request', REQUEST_OBJECT, 'request_not_supported'],
      ['request_uri', 'https://app.example/request.jwt', 'request_uri_not_supported'],
    ] as const) {
      test(`a ${param} parameter is sent back as ${code} with state and iss`, async () => {
        const hop = await authorize({ [param]: value });
        assert.equal(hop.status, 302, hop.body);
        assert.ok(hop.location?.startsWith(`${REDIRECT}?`), hop.location ?? '');
        const q = queryOf(hop.location);
        assert.equal(q.get('error'), code);
        assert.match(q.get('error_description') ?? '', new RegExp(`${param} parameter`));
        assert.equal(q.get('state'), 's1');
        assert.equal(q.get('iss'), olympus.publicUrl);
      });
    }
  });
}
