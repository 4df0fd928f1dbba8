import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useFakeApi, type FakeApi } from './helpers/fake-api.ts';
import { runCli } from './helpers/capture-io.ts';

let api: FakeApi;
const client = { client_id: 'app-1', client_name: 'App', grant_types: ['client_credentials'], client_secret: 'the-new-secret' };

useFakeApi((started) => (api = started), () => {
  api.on('POST', '/admin/clients/app-1/secrets/rotate', { body: client });
  api.on('PATCH', '/admin/clients/app-1', { body: { ...client, client_secret: undefined } });
});

describe('update oauth2-client --rotate-secret', () => {
  test('without a window: POST …/secrets/rotate with no body, as Hydra\'s SDK sends it; prints the new secret', async () => {
    const result = await runCli(['update', 'oauth2-client', 'app-1', '--rotate-secret', '-e', api.url]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(api.requests.map((r) => `${r.method} ${r.path}`), ['POST /admin/clients/app-1/secrets/rotate']);
    assert.equal(api.requests[0]!.body, '');
    assert.match(result.stdout, /the-new-secret/);
  });

  test('--rotated-secrets-ttl and --rotated-secrets-expire-at become the rotate body', async () => {
    await runCli(['update', 'client', 'app-1', '--rotate-secret', '--rotated-secrets-ttl', '1h', '-e', api.url]);
    await runCli(['update', 'client', 'app-1', '--rotate-secret', '--rotated-secrets-expire-at', '2030-01-01T00:00:00Z', '-e', api.url]);
    assert.deepEqual(api.requests.map((r) => r.json()), [{ rotated_secrets_ttl: '1h' }, { rotated_secrets_expire_at: '2030-01-01T00:00:00Z' }]);
    assert.equal(api.requests[0]!.headers['content-type'], 'application/json');
  });

  test('with client flags: the patch first, then the rotation, whose answer is printed', async () => {
    const result = await runCli(['update', 'client', 'app-1', '--name', 'Renamed', '--rotate-secret', '-e', api.url, '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(api.requests.map((r) => r.method), ['PATCH', 'POST']);
    assert.equal(JSON.parse(result.stdout).client_secret, 'the-new-secret');
  });

  test('flags that do not belong together are usage errors, before any request', async () => {
    const cases: [string[], RegExp][] = [
      [['--rotated-secrets-ttl', '1h'], /need --rotate-secret/],
      [['--rotate-secret', '--rotated-secrets-ttl', '1h', '--rotated-secrets-expire-at', '2030-01-01T00:00:00Z'], /not both/],
      [['--rotate-secret', '--file', 'client.json'], /cannot be combined with --file/],
    ];
    for (const [flags, pattern] of cases) {
      const result = await runCli(['update', 'client', 'app-1', ...flags, '-e', api.url]);
      assert.equal(result.code, 2, flags.join(' '));
      assert.match(result.stderr, pattern);
    }
    assert.equal(api.requests.length, 0);
  });

  test('the server\'s refusal of a window is shown', async () => {
    api.on('POST', '/admin/clients/app-1/secrets/rotate', {
      status: 400,
      body: { error: 'invalid_request', error_description: 'rotated_secrets_ttl "soon" is not a duration such as "1h" or "30m".' },
    });
    const result = await runCli(['update', 'client', 'app-1', '--rotate-secret', '--rotated-secrets-ttl', 'soon', '-e', api.url]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: invalid_request — rotated_secrets_ttl "soon" is not a duration/);
  });
});
