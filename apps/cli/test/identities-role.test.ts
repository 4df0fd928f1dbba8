import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useFakeApi, type FakeApi } from './helpers/fake-api.ts';
import { runCli } from './helpers/capture-io.ts';

const ID = '5a6e2f1c-7d2b-4c1e-9f3a-0b8d4e6f7a91';
let api: FakeApi;

const identity = (metadataAdmin: Record<string, unknown> | null) => ({
  id: ID,
  schema_id: 'default',
  traits: { email: 'ada@example.com' },
  credentials: { password: { identifiers: ['ada@example.com'] } },
  metadata_admin: metadataAdmin,
});

/** PATCH applies nothing here; it answers with the metadata_admin the patch's replace operation set. */
const echoPatch = () =>
  api.on('PATCH', `/admin/identities/${ID}`, (request) => {
    const [, replace] = request.json() as [unknown, { value: Record<string, unknown> }];
    return { body: identity(replace.value) };
  });

useFakeApi((started) => (api = started));

describe('identities grant-role', () => {
  test('by email: finds the identity through credentials_identifier and patches metadata_admin, keeping other keys', async () => {
    api.on('GET', '/admin/identities', { body: [identity({ crm: 7 })] });
    echoPatch();
    const result = await runCli(['identities', 'grant-role', 'ada@example.com', 'support', '-e', api.url]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(api.requests[0]!.query.get('credentials_identifier'), 'ada@example.com');
    assert.equal(api.requests[1]!.headers['content-type'], 'application/json');
    assert.deepEqual(api.requests[1]!.json(), [
      { op: 'test', path: '/metadata_admin', value: { crm: 7 } },
      { op: 'replace', path: '/metadata_admin', value: { crm: 7, athena: { role: 'support' } } },
    ]);
    assert.match(result.stdout, new RegExp(`ID\\s+${ID}\\n`));
    assert.match(result.stdout, /ATHENA ROLE\s+support\n/);
  });

  test('by id: GET /admin/identities/{id}; null metadata_admin is tested as null', async () => {
    api.on('GET', `/admin/identities/${ID}`, { body: identity(null) });
    echoPatch();
    const result = await runCli(['identities', 'grant-role', ID, 'admin', '-e', api.url, '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(api.requests[1]!.json(), [
      { op: 'test', path: '/metadata_admin', value: null },
      { op: 'replace', path: '/metadata_admin', value: { athena: { role: 'admin' } } },
    ]);
    assert.deepEqual(JSON.parse(result.stdout).metadata_admin, { athena: { role: 'admin' } });
  });

  test('an unknown role is a usage error before any request', async () => {
    const result = await runCli(['identities', 'grant-role', 'ada@example.com', 'root', '-e', api.url]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: unknown role "root"; the roles are admin, support, viewer/);
    assert.equal(api.requests.length, 0);
  });

  test('an unknown email or id fails with a message naming it', async () => {
    api.on('GET', '/admin/identities', { body: [] });
    const byEmail = await runCli(['identities', 'grant-role', 'nobody@example.com', 'viewer', '-e', api.url]);
    assert.equal(byEmail.code, 1);
    assert.match(byEmail.stderr, /no identity signs in with "nobody@example.com"/);
    const byId = await runCli(['identities', 'grant-role', ID, 'viewer', '-e', api.url]);
    assert.equal(byId.code, 1);
    assert.match(byId.stderr, new RegExp(`no identity has the id ${ID}`));
    assert.equal(api.requests.filter((r) => r.method === 'PATCH').length, 0);
  });

  test('a refused patch (changed meanwhile) is reported with the server\'s error', async () => {
    api.on('GET', `/admin/identities/${ID}`, { body: identity(null) });
    api.on('PATCH', `/admin/identities/${ID}`, {
      status: 400,
      body: { error: { code: 400, status: 'Bad Request', message: 'The request was malformed', reason: 'JSON Patch operation 0 (test /metadata_admin) failed' } },
    });
    const result = await runCli(['identities', 'grant-role', ID, 'viewer', '-e', api.url]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /test \/metadata_admin/);
  });

  test('needs both arguments', async () => {
    const result = await runCli(['identities', 'grant-role', 'ada@example.com', '-e', api.url]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /missing argument <id or email> <role>/);
  });
});

describe('identities revoke-role', () => {
  test('removes the role and keeps other metadata', async () => {
    api.on('GET', '/admin/identities', { body: [identity({ crm: 7, athena: { role: 'admin' } })] });
    echoPatch();
    const result = await runCli(['identities', 'revoke-role', 'ada@example.com', '-e', api.url]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(api.requests[1]!.json(), [
      { op: 'test', path: '/metadata_admin', value: { crm: 7, athena: { role: 'admin' } } },
      { op: 'replace', path: '/metadata_admin', value: { crm: 7 } },
    ]);
    assert.match(result.stdout, /ATHENA ROLE\s+\(none\)\n/);
  });

  test('an identity without a role is left alone', async () => {
    api.on('GET', '/admin/identities', { body: [identity({ crm: 7 })] });
    const result = await runCli(['identities', 'revoke-role', 'ada@example.com', '-e', api.url, '-q']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${ID}\n`);
    assert.equal(api.requests.filter((r) => r.method === 'PATCH').length, 0);
  });
});

test('`olympus identities` lists grant-role and revoke-role among its targets', async () => {
  const result = await runCli(['identities', '--help']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /identities grant-role\s+Make an identity an Athena administrator/);
  assert.match(result.stdout, /identities revoke-role\s+/);
});
