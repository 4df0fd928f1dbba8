/**
 * OAuth2 clients managed the two ways developers do: @ory/client-fetch's OAuth2Api (both databases)
 * and the `olympus` CLI run as a real process with the hydra CLI's flags.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { adminApi } from './support/oauth2.ts';
import { Browser, queryOf } from './support/browser.ts';
import { authorizeUrl, pkcePair } from './support/flow.ts';

const run = promisify(execFile);
const CLI = new URL('../apps/cli/src/main.ts', import.meta.url).pathname;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`clients through @ory/client-fetch (${kind})`, () => {
    let olympus: TestServer;
    before(async () => (olympus = await startTestServer(kind)));
    after(() => olympus?.close());

    test('create, get, patch, list and delete', async () => {
      const api = adminApi(olympus.adminUrl);
      const created = await api.createOAuth2Client({ oAuth2Client: { client_name: 'sdk', redirect_uris: ['https://app.example/cb'], scope: 'openid email' } });
      assert.ok(created.client_id);
      assert.ok(created.client_secret, 'the secret is shown once, on create');
      const fetched = await api.getOAuth2Client({ id: created.client_id! });
      assert.equal(fetched.client_name, 'sdk');
      assert.equal(fetched.client_secret, undefined, 'never on get');
      const patched = await api.patchOAuth2Client({ id: created.client_id!, jsonPatch: [{ op: 'replace', path: '/client_name', value: 'renamed' }] });
      assert.equal(patched.client_name, 'renamed');
      const listed = await api.listOAuth2Clients({});
      assert.ok(listed.some((c) => c.client_id === created.client_id && c.client_name === 'renamed'));
      await api.deleteOAuth2Client({ id: created.client_id! });
      await assert.rejects(api.getOAuth2Client({ id: created.client_id! }), (err: { response?: Response }) => err.response?.status === 404);
    });

    test('an invalid registration gets a 400 naming the field', async () => {
      const res = await fetch(`${olympus.adminUrl}/admin/clients`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: ['https://app.example/cb#frag'] }),
      });
      assert.equal(res.status, 400);
      const body = await res.json();
      assert.equal(body.error, 'invalid_redirect_uri');
      assert.match(body.error_description, /redirect_uris/);
    });
  });
}

describe('the olympus CLI against a running Olympus', () => {
  let olympus: TestServer;
  const cli = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [CLI, ...args, '--endpoint', args[0] === 'perform' || args[1] === 'token' && args[0] === 'revoke' ? olympus.publicUrl : olympus.adminUrl]);
    return stdout;
  };
  before(async () => (olympus = await startTestServer('sqlite')));
  after(() => olympus?.close());

  test('create client with the hydra flags, then get, update, list and delete it', async () => {
    const created = JSON.parse(await cli('create', 'client', '--name', 'playground-client', '--grant-type', 'authorization_code,refresh_token',
      '--response-type', 'code', '--scope', 'openid profile email', '--redirect-uri', 'http://localhost:8765/callback',
      '--token-endpoint-auth-method', 'none', '--skip-consent', '--format', 'json'));
    assert.equal(created.client_name, 'playground-client');
    assert.deepEqual(created.grant_types, ['authorization_code', 'refresh_token']);
    assert.equal(created.scope, 'openid profile email');
    assert.deepEqual(created.redirect_uris, ['http://localhost:8765/callback']);
    assert.equal(created.token_endpoint_auth_method, 'none');
    assert.equal(created.skip_consent, true);
    const id = created.client_id as string;
    assert.equal(JSON.parse(await cli('get', 'oauth2-client', id, '--format', 'json')).client_id, id);
    const updated = JSON.parse(await cli('update', 'oauth2-client', id, '--name', 'renamed', '--format', 'json'));
    assert.equal(updated.client_name, 'renamed');
    assert.ok((await cli('list', 'oauth2-clients', '--format', 'json')).includes(id));
    await cli('delete', 'oauth2-client', id);
    await assert.rejects(cli('get', 'oauth2-client', id), /404|not found|does not exist/i);
  });

  test('perform client-credentials, introspect token, and get login-request', async () => {
    const created = JSON.parse(await cli('create', 'oauth2-client', '--grant-type', 'client_credentials', '--scope', 'api', '--format', 'json'));
    const tokens = JSON.parse(await cli('perform', 'client-credentials', '--client-id', created.client_id, '--client-secret', created.client_secret, '--scope', 'api', '--format', 'json'));
    assert.ok(tokens.access_token.startsWith('ory_at_'));
    const info = JSON.parse(await cli('introspect', 'token', tokens.access_token, '--format', 'json'));
    assert.equal(info.active, true);
    assert.equal(info.client_id, created.client_id);

    const pub = JSON.parse(await cli('create', 'client', '--scope', 'openid', '--redirect-uri', 'http://127.0.0.1:9/cb', '--token-endpoint-auth-method', 'none', '--format', 'json'));
    const url = authorizeUrl(olympus.publicUrl, { client_id: pub.client_id, response_type: 'code', redirect_uri: 'http://127.0.0.1:9/cb', scope: 'openid', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
    const challenge = queryOf((await new Browser().get(url)).location).get('login_challenge')!;
    assert.match(await cli('get', 'login-request', challenge), /pending/i);
    await adminApi(olympus.adminUrl).rejectOAuth2LoginRequest({ loginChallenge: challenge, rejectOAuth2Request: { error: 'access_denied' } });
    assert.match(await cli('get', 'login-request', challenge), /rejected/i);
  });
});
