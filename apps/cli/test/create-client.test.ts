import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApi, useFakeApi, type FakeApi } from './helpers/fake-api.ts';
import { runCli } from './helpers/capture-io.ts';

let api: FakeApi;
useFakeApi((started) => (api = started), () => {
  api.on('POST', '/admin/clients', (request) => ({
    status: 201,
    body: {
      client_id: 'generated-id',
      client_secret: 'generated-secret',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      scope: '',
      audience: [],
      redirect_uris: [],
      ...(request.json() as object),
    },
  }));
});

describe('create oauth2-client', () => {
  test('turns flags into the POST /admin/clients body (lists repeatable and comma-separated)', async () => {
    const result = await runCli([
      'create',
      'client',
      '-e',
      api.url,
      '--name',
      'playground-client',
      '--grant-type',
      'authorization_code,refresh_token',
      '--response-type',
      'code',
      '--scope',
      'openid profile',
      '--scope',
      'email',
      '--redirect-uri',
      'http://localhost:8765/callback,http://127.0.0.1:8765/callback',
      '--redirect-uri',
      'https://app.example/cb',
      '--token-endpoint-auth-method',
      'none',
      '--metadata',
      '{"team":"blue"}',
      '--audience',
      'https://api.example',
      '--skip-consent',
      '--contact',
      'ops@example.com',
    ]);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.equal(api.requests.length, 1);
    const [request] = api.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/admin/clients');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(request.json(), {
      client_name: 'playground-client',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      scope: 'openid profile email',
      redirect_uris: ['http://localhost:8765/callback', 'http://127.0.0.1:8765/callback', 'https://app.example/cb'],
      token_endpoint_auth_method: 'none',
      metadata: { team: 'blue' },
      audience: ['https://api.example'],
      skip_consent: true,
      contacts: ['ops@example.com'],
    });
  });

  test('sends no field for a flag that was not given, so server defaults apply', async () => {
    await runCli(['create', 'oauth2-client', '-e', api.url, '--id', 'c-1']);
    assert.deepEqual(api.requests[0].json(), { client_id: 'c-1' });
  });

  test('prints hydra-style table with the secret', async () => {
    const result = await runCli(['create', 'client', '-e', api.url, '--secret', 'a-long-secret', '--scope', 'openid']);
    assert.match(result.stdout, /^CLIENT ID\s+generated-id$/m);
    assert.match(result.stdout, /^CLIENT SECRET\s+a-long-secret$/m);
    assert.match(result.stdout, /^GRANT TYPES\s+authorization_code$/m);
    assert.match(result.stdout, /^SCOPE\s+openid$/m);
    for (const header of ['RESPONSE TYPES', 'AUDIENCE', 'REDIRECT URIS'])
      assert.ok(result.stdout.includes(header), header);
  });

  test('--format json prints the client object; -q only the id', async () => {
    const json = await runCli(['create', 'client', '-e', api.url, '--format', 'json']);
    assert.equal((JSON.parse(json.stdout) as { client_secret: string }).client_secret, 'generated-secret');
    const quiet = await runCli(['create', 'client', '-e', api.url, '-q']);
    assert.equal(quiet.stdout, 'generated-id\n');
  });

  test('--file sends the file as the client and ignores other client flags', async () => {
    const file = JSON.stringify({ client_id: 'from-file', redirect_uris: ['https://f/cb'] });
    const result = await runCli(['create', 'client', '-e', api.url, '--file', 'client.json', '--name', 'ignored'], {
      files: { 'client.json': file },
    });
    assert.equal(result.code, 0);
    assert.deepEqual(api.requests[0].json(), { client_id: 'from-file', redirect_uris: ['https://f/cb'] });
  });

  test('endpoint comes from ORY_SDK_URL before OLYMPUS_ADMIN_URL; -H and the API key become headers', async () => {
    const result = await runCli(['create', 'client', '-H', 'X-Tenant: blue', '-H', 'X-Trace:  abc '], {
      env: { ORY_SDK_URL: api.url, OLYMPUS_ADMIN_URL: 'http://127.0.0.1:1', OLYMPUS_ADMIN_API_KEY: 'admin-key' },
    });
    assert.equal(result.code, 0);
    const { headers } = api.requests[0];
    assert.equal(headers['x-tenant'], 'blue');
    assert.equal(headers['x-trace'], 'abc');
    assert.equal(headers.authorization, 'Bearer admin-key');
  });

  test('--api-key overrides the environment; OLYMPUS_ADMIN_URL is used without ORY_SDK_URL', async () => {
    await runCli(['create', 'client', '--api-key', 'flag-key'], {
      env: { OLYMPUS_ADMIN_URL: `${api.url}/`, OLYMPUS_ADMIN_API_KEY: 'env-key' },
    });
    assert.equal(api.requests[0].path, '/admin/clients');
    assert.equal(api.requests[0].headers.authorization, 'Bearer flag-key');
  });
});

describe('create oauth2-client: failures', () => {
  test('an API error prints error, description and hint on stderr and exits 1', async () => {
    api.on('POST', '/admin/clients', () => ({
      status: 400,
      headers: { 'x-request-id': 'req-42' },
      body: {
        error: 'invalid_client_metadata',
        error_description: 'The value of one of the Client Metadata fields is invalid.',
        error_hint: 'Field client_secret must contain a secret that is at least 6 characters long.',
      },
    }));
    const result = await runCli(['create', 'client', '-e', api.url, '--secret', 'short']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      [
        'error: invalid_client_metadata — The value of one of the Client Metadata fields is invalid.',
        'hint: Field client_secret must contain a secret that is at least 6 characters long.',
        `(HTTP 400 from POST ${api.url}/admin/clients, request id req-42)`,
        '',
      ].join('\n'),
    );
  });

  test('an unknown flag prints usage naming the flag, exits 2 and sends nothing', async () => {
    const result = await runCli(['create', 'client', '-e', api.url, '--redirect-uris', 'x']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: unknown flag --redirect-uris\n/);
    assert.match(result.stderr, /Usage: olympus create oauth2-client \[flags\]/);
    assert.equal(api.requests.length, 0);
  });

  test('bad --metadata and bad --format are usage errors before any request', async () => {
    const metadata = await runCli(['create', 'client', '-e', api.url, '--metadata', '{team: blue}']);
    assert.equal(metadata.code, 2);
    assert.match(metadata.stderr, /flag --metadata needs valid JSON/);
    const format = await runCli(['create', 'client', '-e', api.url, '--format', 'xml']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /flag --format must be one of table, json, json-pretty, yaml; got "xml"/);
    const header = await runCli(['create', 'client', '-e', api.url, '-H', 'no-colon']);
    assert.equal(header.code, 2);
    assert.match(header.stderr, /flag --http-header needs "Name: value"/);
    assert.equal(api.requests.length, 0);
  });

  test('connection refused names the URL and suggests npm start', async () => {
    const closed = await startFakeApi();
    await closed.close();
    const result = await runCli(['create', 'client', '-e', closed.url]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      new RegExp(`^error: cannot reach Olympus admin API at ${closed.url} — is \`npm start\` running\\?\n`),
    );
    assert.match(result.stderr, /ECONNREFUSED/);
  });

  test('a missing --file is reported with its name, exit 1', async () => {
    const result = await runCli(['create', 'client', '-e', api.url, '--file', 'nope.json']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cannot read nope\.json/);
  });
});
