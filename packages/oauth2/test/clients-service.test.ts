import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedHasher } from '@olympus/crypto';
import { Conflict, InvalidClientMetadata, InvalidRedirectUri, InvalidRequest, NotFound } from '../src/errors.ts';
import type { ClientStore } from '../src/ports.ts';
import { memoryOAuth2Storage } from './memory-stores.ts';
import { ClientService } from '../src/clients/service.ts';
import { SECRET_PURPOSE } from '../src/clients/secrets.ts';

const web = { redirect_uris: ['https://app.example/cb'] };
let clock = Date.UTC(2025, 0, 1);
let store: ClientStore;
let hasher: KeyedHasher;
let service: ClientService;

beforeEach(async () => {
  clock = Date.UTC(2025, 0, 1);
  store = (await memoryOAuth2Storage()).clients;
  hasher = new KeyedHasher(['system-secret-one-0123456789abcdef']);
  service = new ClientService({ store, hasher, dev: false, now: () => clock });
});

const rejects = async (promise: Promise<unknown>, type: Function, pattern: RegExp): Promise<void> => {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    assert.match((err as InvalidRequest).description, pattern);
    return true;
  });
};

describe('create', () => {
  test('returns a generated 256-bit secret once, and stores only its keyed hash (AS-27)', async () => {
    const { client } = await service.create({ ...web, client_name: 'App' });
    assert.match(client.client_secret ?? '', /^[A-Za-z0-9_-]{43}$/);
    const stored = (await store.getClient(client.client_id))!;
    assert.equal(JSON.stringify(stored).includes(client.client_secret!), false);
    assert.deepEqual(stored.secretHashes, [hasher.hash(client.client_secret!, SECRET_PURPOSE)]);
    assert.equal('client_secret' in stored.client, false);
    assert.equal(client.client_name, 'App');
    assert.equal(client.created_at, '2025-01-01T00:00:00.000Z');
  });

  test('hashes a caller-chosen secret the same way and returns it', async () => {
    const { client } = await service.create({ ...web, client_id: 'billing', client_secret: 'caller-chosen' });
    assert.equal(client.client_secret, 'caller-chosen');
    assert.deepEqual((await store.getClient('billing'))!.secretHashes, [hasher.hash('caller-chosen', SECRET_PURPOSE)]);
    assert.equal(JSON.stringify(await store.getClient('billing')).includes('caller-chosen'), false);
  });

  test('public and private_key_jwt clients get no secret', async () => {
    const pub = await service.create({ ...web, token_endpoint_auth_method: 'none' });
    assert.equal(pub.client.client_secret, undefined);
    assert.deepEqual((await store.getClient(pub.client.client_id))!.secretHashes, []);
    const jwt = await service.create({ ...web, token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'https://app.example/jwks' });
    assert.equal(jwt.client.client_secret, undefined);
  });

  test('a duplicate client_id is a 409 naming the id', async () => {
    await service.create({ ...web, client_id: 'billing' });
    await rejects(service.create({ ...web, client_id: 'billing' }), Conflict, /client_id "billing" already exists/);
  });

  test('read-only fields in the body are ignored', async () => {
    const { client } = await service.create({ ...web, created_at: '1999-01-01T00:00:00Z', client_secret_expires_at: 5 });
    assert.equal(client.created_at, '2025-01-01T00:00:00.000Z');
    assert.equal(client.client_secret_expires_at, 0);
  });

  test('validation errors reach the caller', async () => {
    await rejects(service.create({ ...web, grant_types: ['implicit'] }), InvalidClientMetadata, /grant_types contains "implicit"/);
  });
});

describe('secrets', () => {
  test('verifySecret accepts the secret and refuses others', async () => {
    const { client } = await service.create(web);
    const stored = (await service.get(client.client_id))!;
    assert.equal(service.verifySecret(stored, client.client_secret!), true);
    assert.equal(service.verifySecret(stored, `${client.client_secret}x`), false);
    assert.equal(service.verifySecret(stored, ''), false);
  });

  test('rotation: the new secret and the old ones stay valid, up to 5 in total', async () => {
    const { client } = await service.create(web);
    const secrets = [client.client_secret!];
    for (let i = 0; i < 5; i++) secrets.push((await service.rotateSecret(client.client_id)).client.client_secret!);
    const stored = (await service.get(client.client_id))!;
    assert.equal(stored.secretHashes.length, 5);
    assert.equal(service.verifySecret(stored, secrets[0]), false, 'the oldest of six fell out');
    for (const secret of secrets.slice(1)) assert.equal(service.verifySecret(stored, secret), true);
    assert.equal(JSON.stringify(stored).includes(secrets[5]), false);
  });

  test('DELETE rotate keeps only the current secret', async () => {
    const { client } = await service.create(web);
    const current = (await service.rotateSecret(client.client_id)).client.client_secret!;
    await service.deleteRotatedSecrets(client.client_id);
    const stored = (await service.get(client.client_id))!;
    assert.equal(service.verifySecret(stored, current), true);
    assert.equal(service.verifySecret(stored, client.client_secret!), false);
  });

  test('secrets survive a system-secret rotation (hasher.candidates)', async () => {
    const { client } = await service.create(web);
    const rotated = new ClientService({ store, hasher: new KeyedHasher(['system-secret-two-0123456789abcdef', 'system-secret-one-0123456789abcdef']), dev: false, now: () => clock });
    assert.equal(rotated.verifySecret((await rotated.get(client.client_id))!, client.client_secret!), true);
  });

  test('a public client has no secret to rotate', async () => {
    const { client } = await service.create({ ...web, token_endpoint_auth_method: 'none' });
    await rejects(service.rotateSecret(client.client_id), InvalidRequest, /"none", which has no secret to rotate/);
  });
});

describe('replace (PUT)', () => {
  test('replaces fields, keeps the secrets, created_at and id, and returns no secret', async () => {
    const { client } = await service.create({ ...web, client_name: 'Old', client_id: 'app' });
    const rotated = (await service.rotateSecret('app')).client.client_secret!;
    clock += 60_000;
    const result = await service.replace('app', { redirect_uris: ['https://app.example/new'], client_name: 'New' });
    assert.equal(result.client.client_secret, undefined);
    assert.equal(result.client.client_name, 'New');
    assert.equal(result.client.created_at, client.created_at);
    assert.equal(result.client.updated_at, '2025-01-01T00:01:00.000Z');
    const stored = (await service.get('app'))!;
    assert.equal(service.verifySecret(stored, client.client_secret!), true);
    assert.equal(service.verifySecret(stored, rotated), true);
  });

  test('setting client_secret clears rotated secrets', async () => {
    const { client } = await service.create({ ...web, client_id: 'app' });
    await service.rotateSecret('app');
    const result = await service.replace('app', { ...web, client_secret: 'brand-new-secret' });
    assert.equal(result.client.client_secret, 'brand-new-secret');
    const stored = (await service.get('app'))!;
    assert.deepEqual(stored.secretHashes, [hasher.hash('brand-new-secret', SECRET_PURPOSE)]);
    assert.equal(service.verifySecret(stored, client.client_secret!), false);
  });

  test('a public client turned confidential gets a generated secret', async () => {
    await service.create({ ...web, client_id: 'spa', token_endpoint_auth_method: 'none' });
    const result = await service.replace('spa', { ...web, token_endpoint_auth_method: 'client_secret_post' });
    assert.match(result.client.client_secret ?? '', /^[A-Za-z0-9_-]{43}$/);
  });

  test('a different client_id in the body, and unknown ids, are refused', async () => {
    await service.create({ ...web, client_id: 'app' });
    await rejects(service.replace('app', { ...web, client_id: 'other' }), InvalidRequest, /"other" differs from the client being updated \("app"\)/);
    await rejects(service.replace('ghost', web), NotFound, /No OAuth2 client has client_id "ghost"/);
  });
});

describe('patch', () => {
  test('applies the patch and re-validates the result', async () => {
    await service.create({ ...web, client_id: 'app' });
    const { client } = await service.patch('app', [{ op: 'add', path: '/redirect_uris/-', value: 'https://app.example/two' }]);
    assert.deepEqual(client.redirect_uris, ['https://app.example/cb', 'https://app.example/two']);
    assert.equal(client.client_secret, undefined);
    await rejects(service.patch('app', [{ op: 'add', path: '/redirect_uris/-', value: 'http://evil.example/cb' }]), InvalidRedirectUri, /redirect_uris\[2\] "http:\/\/evil.example\/cb" uses http/);
    await rejects(service.patch('app', [{ op: 'add', path: '/colour', value: 'red' }]), InvalidClientMetadata, /Field "colour" is not a known/);
  });

  test('adding client_secret sets it, returns it and clears rotated secrets', async () => {
    const { client } = await service.create({ ...web, client_id: 'app' });
    await service.rotateSecret('app');
    const result = await service.patch('app', [{ op: 'add', path: '/client_secret', value: 'patched-secret' }]);
    assert.equal(result.client.client_secret, 'patched-secret');
    const stored = (await service.get('app'))!;
    assert.equal(stored.secretHashes.length, 1);
    assert.equal(service.verifySecret(stored, 'patched-secret'), true);
    assert.equal(service.verifySecret(stored, client.client_secret!), false);
  });

  test('a failed patch leaves the client unchanged', async () => {
    await service.create({ ...web, client_id: 'app', client_name: 'Same' });
    await rejects(service.patch('app', [{ op: 'replace', path: '/client_name', value: 'X' }, { op: 'replace', path: '/client_id', value: 'y' }]), InvalidRequest, /client_id cannot change/);
    assert.equal((await service.get('app'))!.client.client_name, 'Same');
  });
});

describe('delete and list', () => {
  test('delete removes the client; deleting again is NotFound', async () => {
    await service.create({ ...web, client_id: 'app' });
    await service.delete('app');
    assert.equal(await service.get('app'), undefined);
    await rejects(service.delete('app'), NotFound, /"app"/);
  });

  test('lists in pages with a keyset position, and filters by name and owner', async () => {
    for (const id of ['c', 'a', 'b']) await service.create({ ...web, client_id: id, owner: id === 'b' ? 'team' : '' });
    const first = await service.list({ pageSize: 2 });
    assert.deepEqual(first.clients.map((c) => c.client_id), ['a', 'b']);
    assert.deepEqual(first.next, { createdAt: '2025-01-01T00:00:00.000Z', id: 'b' });
    const second = await service.list({ pageSize: 2, after: first.next });
    assert.deepEqual(second.clients.map((c) => c.client_id), ['c']);
    assert.equal(second.next, undefined);
    assert.equal(first.clients.some((c) => 'client_secret' in c), false);
    assert.deepEqual((await service.list({ pageSize: 10, owner: 'team' })).clients.map((c) => c.client_id), ['b']);
  });

  test('page size outside 1..500 is refused', async () => {
    await rejects(service.list({ pageSize: 0 }), InvalidRequest, /page_size 0 must be a whole number from 1 to 500/);
    await rejects(service.list({ pageSize: 501 }), InvalidRequest, /page_size/);
  });
});
