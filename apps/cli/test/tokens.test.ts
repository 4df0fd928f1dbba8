import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApi, useFakeApi, type FakeApi } from './helpers/fake-api.ts';
import { runCli } from './helpers/capture-io.ts';

let api: FakeApi;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

useFakeApi((started) => (api = started));

describe('introspect token', () => {
  test('POSTs the token (and scope) as a form to the admin API', async () => {
    api.on('POST', '/admin/oauth2/introspect', {
      body: {
        active: true,
        sub: 'user-7',
        client_id: 'app',
        scope: 'openid',
        token_use: 'access_token',
        exp: 1_900_000_000,
        iat: 1_899_999_100,
        aud: ['api'],
      },
    });
    const result = await runCli(['introspect', 'token', 'ory_at_abc', '--scope', 'openid', '-e', api.url]);
    assert.equal(result.code, 0);
    const [request] = api.requests;
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(request.form().get('token'), 'ory_at_abc');
    assert.equal(request.form().get('scope'), 'openid');
    assert.match(result.stdout, /^ACTIVE\s+true$/m);
    assert.match(result.stdout, /^SUBJECT\s+user-7$/m);
    assert.match(result.stdout, /^EXPIRES AT\s+2030-03-17T17:46:40\.000Z$/m);
  });

  test('an inactive token prints active false', async () => {
    api.on('POST', '/admin/oauth2/introspect', { body: { active: false } });
    const result = await runCli(['introspect', 'token', 'x', '-e', api.url, '--format', 'json']);
    assert.deepEqual(JSON.parse(result.stdout), { active: false });
  });
});

describe('revoke token', () => {
  test('goes to the PUBLIC /oauth2/revoke with client_secret_basic, never with the admin key', async () => {
    api.on('POST', '/oauth2/revoke', { status: 200 });
    const result = await runCli(['revoke', 'token', 'ory_rt_1', '--client-id', 'app', '--client-secret', 'p@ss word'], {
      env: { OLYMPUS_PUBLIC_URL: api.url, OLYMPUS_ADMIN_API_KEY: 'admin-key', ORY_SDK_URL: 'http://127.0.0.1:1' },
    });
    assert.equal(result.code, 0, result.stderr);
    const [request] = api.requests;
    assert.equal(request.path, '/oauth2/revoke');
    // RFC 6749 §2.3.1: form-encode id and secret before base64.
    assert.equal(request.headers.authorization, basic('app', 'p%40ss+word'));
    assert.equal(request.form().get('token'), 'ory_rt_1');
    assert.equal(request.form().has('client_id'), false);
  });

  test('a public client (no secret) sends client_id in the form; credentials may come from the environment', async () => {
    api.on('POST', '/oauth2/revoke', { status: 200 });
    const result = await runCli(['revoke', 'token', 't', '-e', api.url], { env: { OAUTH2_CLIENT_ID: 'spa' } });
    assert.equal(result.code, 0);
    assert.equal(api.requests[0].headers.authorization, undefined);
    assert.equal(api.requests[0].form().get('client_id'), 'spa');
  });

  test('without a client id it is a usage error', async () => {
    const result = await runCli(['revoke', 'token', 't', '-e', api.url]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /flag --client-id is required \(or set \$OAUTH2_CLIENT_ID\)/);
    assert.equal(api.requests.length, 0);
  });

  test('an unreachable public endpoint names the public API', async () => {
    const closed = await startFakeApi();
    await closed.close();
    const result = await runCli(['revoke', 'token', 't', '--client-id', 'x', '-e', closed.url]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`^error: cannot reach Olympus public API at ${closed.url}`));
  });
});

describe('delete access-tokens', () => {
  test('DELETE /admin/oauth2/tokens?client_id=', async () => {
    api.on('DELETE', '/admin/oauth2/tokens', { status: 204 });
    const result = await runCli(['delete', 'access-tokens', 'app', '-e', api.url, '-q']);
    assert.equal(result.code, 0);
    assert.equal(api.requests[0].query.get('client_id'), 'app');
    assert.equal(result.stdout, 'app\n');
  });
});

describe('perform client-credentials', () => {
  test('POSTs grant_type, scope and audience to the public token endpoint', async () => {
    api.on('POST', '/oauth2/token', {
      body: { access_token: 'ory_at_x', token_type: 'bearer', expires_in: 900, scope: 'read write' },
    });
    const result = await runCli([
      'perform',
      'client-credentials',
      '-e',
      api.url,
      '--client-id',
      'svc',
      '--client-secret',
      'secret-1',
      '--scope',
      'read,write',
      '--audience',
      'https://api.a,https://api.b',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const [request] = api.requests;
    assert.equal(request.headers.authorization, basic('svc', 'secret-1'));
    assert.deepEqual(Object.fromEntries(request.form()), {
      grant_type: 'client_credentials',
      scope: 'read write',
      audience: 'https://api.a https://api.b',
    });
    assert.match(result.stdout, /^ACCESS TOKEN\s+ory_at_x$/m);
    assert.match(result.stdout, /^SCOPE\s+read write$/m);
  });

  test('a token error shows the OAuth error and hint', async () => {
    api.on('POST', '/oauth2/token', {
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: 'Client authentication failed.',
        error_hint: 'The client uses client_secret_post but the request used client_secret_basic.',
      },
    });
    const result = await runCli([
      'perform',
      'client-credentials',
      '-e',
      api.url,
      '--client-id',
      'svc',
      '--client-secret',
      'x',
      '-q',
    ]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^error: invalid_client — Client authentication failed\.\nhint: The client uses client_secret_post/,
    );
  });
});
