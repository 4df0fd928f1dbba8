import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useFakeApi, type FakeApi } from './helpers/fake-api.ts';
import { runCli } from './helpers/capture-io.ts';

let api: FakeApi;
const client = (id: string) => ({
  client_id: id,
  grant_types: ['client_credentials'],
  response_types: [],
  scope: 'read',
  audience: [],
  redirect_uris: [],
});

useFakeApi((started) => (api = started));

describe('get oauth2-client', () => {
  test('one id: GET /admin/clients/{id}, JSON prints the object', async () => {
    api.on('GET', '/admin/clients/app-1', { body: client('app-1') });
    const result = await runCli(['get', 'oauth2-client', 'app-1', '-e', api.url, '--format', 'json']);
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.stdout), client('app-1'));
  });

  test('several ids: one request each, printed as a list; ids are path-escaped', async () => {
    api.on('GET', '/admin/clients/a', { body: client('a') });
    api.on('GET', '/admin/clients/b%2Fc', { body: client('b/c') });
    const result = await runCli(['get', 'client', 'a', 'b/c', '-e', api.url, '-q']);
    assert.equal(result.code, 0);
    assert.deepEqual(
      api.requests.map((r) => r.path),
      ['/admin/clients/a', '/admin/clients/b%2Fc'],
    );
    assert.equal(result.stdout, 'a\nb/c\n');
  });

  test('a missing id is reported, the others still print, exit 1', async () => {
    api.on('GET', '/admin/clients/a', { body: client('a') });
    const result = await runCli(['get', 'client', 'a', 'gone', '-e', api.url, '-q']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'a\n');
    assert.match(result.stderr, /^error: not_found/);
  });

  test('without an id it is a usage error', async () => {
    const result = await runCli(['get', 'oauth2-client', '-e', api.url]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /missing argument <id>/);
  });
});

describe('update oauth2-client', () => {
  test('patches exactly the flags given, as RFC 6902 operations', async () => {
    api.on('PATCH', '/admin/clients/app-1', { body: client('app-1') });
    const result = await runCli([
      'update',
      'oauth2-client',
      'app-1',
      '-e',
      api.url,
      '--redirect-uri',
      'https://a/cb,https://b/cb',
      '--scope',
      'openid,email',
      '--no-skip-consent',
      '--name',
      'App',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(api.requests[0].headers['content-type'], 'application/json');
    assert.deepEqual(api.requests[0].json(), [
      { op: 'replace', path: '/client_name', value: 'App' },
      { op: 'replace', path: '/redirect_uris', value: ['https://a/cb', 'https://b/cb'] },
      { op: 'replace', path: '/scope', value: 'openid email' },
      { op: 'replace', path: '/skip_consent', value: false },
    ]);
  });

  test('without any client flag it refuses instead of sending an empty patch', async () => {
    const result = await runCli(['update', 'oauth2-client', 'app-1', '-e', api.url]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /nothing to update/);
    assert.equal(api.requests.length, 0);
  });

  test('--id is not an update flag (the argument names the client)', async () => {
    const result = await runCli(['update', 'oauth2-client', 'app-1', '--id', 'other', '-e', api.url]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown flag --id/);
  });

  test('--file replaces the client with PUT, keeping the id from the argument', async () => {
    api.on('PUT', '/admin/clients/app-1', (request) => ({ body: request.json() }));
    const result = await runCli(['update', 'client', 'app-1', '--file', 'c.json', '-e', api.url], {
      files: { 'c.json': '{"client_id":"x","scope":"read"}' },
    });
    assert.equal(result.code, 0);
    assert.deepEqual(api.requests[0].json(), { client_id: 'app-1', scope: 'read' });
  });
});

describe('delete oauth2-client', () => {
  test('deletes each id and reports the failures, exit 1 if any failed', async () => {
    api.on('DELETE', '/admin/clients/a', { status: 204 });
    api.on('DELETE', '/admin/clients/missing', {
      status: 404,
      body: { error: 'not_found', error_description: 'Unable to locate the resource' },
    });
    const result = await runCli(['delete', 'client', 'a', 'missing', '-e', api.url, '-q']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'a\n');
    assert.match(result.stderr, /^error: not_found — Unable to locate the resource\n/);
    assert.deepEqual(
      api.requests.map((r) => `${r.method} ${r.path}`),
      ['DELETE /admin/clients/a', 'DELETE /admin/clients/missing'],
    );
  });
});

describe('list oauth2-clients', () => {
  test('passes paging flags and prints the next page token from the Link header', async () => {
    api.on('GET', '/admin/clients', {
      headers: {
        link: '</admin/clients?page_size=2&page_token=first>; rel="first", </admin/clients?page_size=2&page_token=tok-2>; rel="next"',
      },
      body: [client('a'), client('b')],
    });
    const table = await runCli(['list', 'oauth2-clients', '-e', api.url, '--page-size', '2', '--page-token', 'tok-1']);
    assert.equal(table.code, 0);
    assert.equal(api.requests[0].query.get('page_size'), '2');
    assert.equal(api.requests[0].query.get('page_token'), 'tok-1');
    assert.match(table.stdout, /^CLIENT ID\s+CLIENT SECRET/);
    assert.match(table.stdout, /\nNEXT PAGE TOKEN  tok-2\n$/);
    const json = await runCli(['list', 'clients', '-e', api.url, '--format', 'json']);
    assert.deepEqual(JSON.parse(json.stdout), { items: [client('a'), client('b')], next_page_token: 'tok-2' });
  });

  test('the last page has no token', async () => {
    api.on('GET', '/admin/clients', { body: [client('z')] });
    const result = await runCli(['list', 'clients', '-e', api.url]);
    assert.doesNotMatch(result.stdout, /NEXT PAGE TOKEN/);
    assert.equal(api.requests[0].query.has('page_size'), false);
  });

  test('--page-size must be a positive number', async () => {
    const result = await runCli(['list', 'clients', '-e', api.url, '--page-size', '0']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /flag --page-size needs a whole number ≥ 1, got "0"/);
  });
});

describe('import oauth2-client', () => {
  test('creates every client of every file (object or array)', async () => {
    api.on('POST', '/admin/clients', (request) => ({
      status: 201,
      body: { ...(request.json() as object), client_secret: 'sec' },
    }));
    const result = await runCli(['import', 'oauth2-client', 'one.json', 'many.json', '-e', api.url, '-q'], {
      files: { 'one.json': '{"client_id":"one"}', 'many.json': '[{"client_id":"two"},{"client_id":"three"}]' },
    });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'one\ntwo\nthree\n');
    assert.deepEqual(
      api.requests.map((r) => (r.json() as { client_id: string }).client_id),
      ['one', 'two', 'three'],
    );
  });

  test('reads stdin without files, and rejects a file that is not clients', async () => {
    api.on('POST', '/admin/clients', (request) => ({ status: 201, body: request.json() }));
    const fromStdin = await runCli(['import', 'client', '-e', api.url, '-q'], { stdin: '{"client_id":"piped"}' });
    assert.equal(fromStdin.stdout, 'piped\n');
    const bad = await runCli(['import', 'client', 'bad.json', '-e', api.url], { files: { 'bad.json': '[1,2]' } });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /bad\.json must hold a client object or an array of client objects/);
  });
});
