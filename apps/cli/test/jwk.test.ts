import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useFakeApi, type FakeApi } from './helpers/fake-api.ts';
import { runCli } from './helpers/capture-io.ts';

let api: FakeApi;
const privateKey = { kty: 'EC', crv: 'P-256', kid: 'k1', alg: 'ES256', use: 'sig', x: 'xx', y: 'yy', d: 'secret-d' };

useFakeApi((started) => (api = started));

describe('create jwk', () => {
  test('POST /admin/keys/{set} with alg, use and kid; --public hides private members', async () => {
    api.on('POST', '/admin/keys/my-set', { status: 201, body: { keys: [privateKey] } });
    const result = await runCli([
      'create',
      'jwk',
      'my-set',
      'k1',
      '--alg',
      'ES256',
      '--public',
      '-e',
      api.url,
      '--format',
      'json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(api.requests[0].json(), { alg: 'ES256', use: 'sig', kid: 'k1' });
    const printed = JSON.parse(result.stdout) as { keys: Record<string, unknown>[] };
    assert.equal(printed.keys[0].d, undefined);
    assert.equal(printed.keys[0].x, 'xx');
  });

  test('defaults to RS256/sig and a random kid; the table names set, kid, alg, use', async () => {
    api.on('POST', '/admin/keys/s', (request) => ({
      status: 201,
      body: { keys: [{ ...(request.json() as object), kty: 'RSA' }] },
    }));
    const result = await runCli(['create', 'jwk', 's', '-e', api.url]);
    const body = api.requests[0].json() as { alg: string; use: string; kid: string };
    assert.equal(body.alg, 'RS256');
    assert.equal(body.use, 'sig');
    assert.match(body.kid, /^[0-9a-f-]{36}$/);
    assert.match(result.stdout, new RegExp(`^s\\s+${body.kid}\\s+RS256\\s+sig$`, 'm'));
  });

  test('an unsupported --alg is a usage error', async () => {
    const result = await runCli(['create', 'jwk', 's', '--alg', 'HS256', '-e', api.url]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /flag --alg must be one of RS256, RS512, ES256, ES512, EdDSA; got "HS256"/);
    assert.equal(api.requests.length, 0);
  });
});

describe('get and delete jwk', () => {
  test('get merges several sets into one key set', async () => {
    api.on('GET', '/admin/keys/a', { body: { keys: [{ ...privateKey, kid: 'a1' }] } });
    api.on('GET', '/admin/keys/b', { body: { keys: [{ ...privateKey, kid: 'b1' }] } });
    const result = await runCli(['get', 'jwk', 'a', 'b', '-e', api.url, '-q']);
    assert.equal(result.stdout, 'a1\nb1\n');
  });

  test('delete removes each set', async () => {
    api.on('DELETE', '/admin/keys/a', { status: 204 });
    const result = await runCli(['delete', 'jwk', 'a', '-e', api.url]);
    assert.equal(result.code, 0);
    assert.deepEqual(
      api.requests.map((r) => `${r.method} ${r.path}`),
      ['DELETE /admin/keys/a'],
    );
    assert.match(result.stdout, /^DELETED KEY SET\na\n$/);
  });
});
