/** The identity admin operations on the SQL store in memory: validation, credentials, conflicts, views, paging. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BadRequest, FlowNotFound, IdentityConflict, IdentityService, identityView, importedPasswordHash, type IdentityContext,
} from '@olympus/identity';
import { memoryStores } from './memory-stores.ts';
import { testContext } from './password-fakes.ts';

const BCRYPT = '$2b$10$NBF1ZJhLN9cnXfBJsYjDYOMb7RiNTV/8sRUvl1Z/06gIqSt5YK7n.';
const ARGON2ID = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$JTRfx6yMHZ1c3BBQaNmuPfFLXnk9D2gMbQiHJo+GeL8';

const setup = () => {
  const { storage } = memoryStores();
  const store = storage.identities;
  const revoked: string[] = [];
  const { ctx: base } = testContext(store);
  const revokeSessionsOfIdentity: typeof storage.sessions.revokeSessionsOfIdentity = async (...args) => {
    revoked.push(args[0]);
    return storage.sessions.revokeSessionsOfIdentity(...args);
  };
  const ctx = {
    ...base,
    storage: { ...base.storage, sessions: { ...storage.sessions, revokeSessionsOfIdentity } },
  } as unknown as IdentityContext;
  const hashed: string[] = [];
  const service = new IdentityService(ctx, { hashPassword: async (p) => (hashed.push(p), `hashed(${p})`) });
  return { store, service, hashed, revoked };
};

const rejectsWith = async <T extends Error>(promise: Promise<unknown>, type: new (...a: never[]) => T, check: (err: T) => void = () => {}) =>
  assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    check(err);
    return true;
  });

describe('identity service', () => {
  test('create validates traits, derives addresses and identifiers, and hashes a plain password', async () => {
    const { service, store, hashed } = setup();
    const identity = await service.create({ schema_id: 'default', traits: { email: 'Ann@Example.com' }, credentials: { password: { config: { password: 'a long passphrase' } } } });
    assert.deepEqual(hashed, ['a long passphrase']);
    const stored = (await store.getIdentity(identity.id))!;
    assert.deepEqual(stored.credentials.password?.config, { hashed_password: 'hashed(a long passphrase)' });
    assert.deepEqual(stored.credentials.password?.identifiers, ['ann@example.com']);
    assert.deepEqual(stored.credentials.code?.identifiers, ['ann@example.com']);
    assert.deepEqual(stored.verifiable_addresses.map((a) => [a.value, a.status]), [['ann@example.com', 'pending']]);
    assert.equal(stored.state, 'active');
    assert.match(identity.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUIDv7');
  });

  test('imported hashes are stored as given; imported verified addresses stay verified', async () => {
    const { service, hashed } = setup();
    const bcrypt = await service.create({
      traits: { email: 'bob@example.com' }, credentials: { password: { config: { hashed_password: BCRYPT } } },
      verifiable_addresses: [{ value: 'Bob@example.com', via: 'email', verified: true }],
    });
    assert.deepEqual(bcrypt.credentials.password?.config, { hashed_password: BCRYPT });
    assert.deepEqual(bcrypt.verifiable_addresses.map((a) => [a.verified, a.status]), [[true, 'completed']]);
    const argon = await service.create({ traits: { email: 'cat@example.com' }, credentials: { password: { config: { hashed_password: ARGON2ID } } } });
    assert.deepEqual(argon.credentials.password?.config, { hashed_password: ARGON2ID });
    assert.deepEqual(hashed, [], 'nothing was re-hashed at import');
  });

  test('unsupported hashes, invalid traits, unknown schemas and other credential imports are 400s that say why', async () => {
    const { service } = setup();
    await rejectsWith(service.create({ traits: { email: 'd@example.com' }, credentials: { password: { config: { hashed_password: '$md5$abc' } } } }), BadRequest,
      (err) => assert.match(err.reason, /not a supported hash/));
    await rejectsWith(service.create({ traits: { email: 'nope' } }), BadRequest, (err) => {
      assert.match(err.reason, /traits\.email/);
      assert.deepEqual((err.details.messages as Array<{ id: number }>).map((m) => m.id), [4000004]);
    });
    await rejectsWith(service.create({ schema_id: 'missing', traits: { email: 'd@example.com' } }), BadRequest, (err) => assert.match(err.reason, /"missing".*"default"/));
    await rejectsWith(service.create({ traits: { email: 'd@example.com' }, credentials: { totp: { config: {} } } }), BadRequest, (err) => assert.match(err.reason, /totp/));
    assert.equal(importedPasswordHash({}), undefined);
    assert.equal(importedPasswordHash({ hashed_password: '$pbkdf2-sha256$i=600000,l=32$c2FsdA==$aGFzaA==' }), '$pbkdf2-sha256$i=600000,l=32$c2FsdA==$aGFzaA==');
  });

  test('a duplicate identifier is a 409 naming it, whatever its case', async () => {
    const { service } = setup();
    await service.create({ traits: { email: 'eve@example.com' }, credentials: { password: { config: { password: 'p4ssphrase!' } } } });
    await rejectsWith(service.create({ traits: { email: 'EVE@example.com' }, credentials: { password: { config: { password: 'x-other-pass' } } } }), IdentityConflict,
      (err) => {
        assert.equal(err.code, 409);
        assert.match(err.reason, /"eve@example\.com"/);
      });
  });

  test('PUT replaces traits and metadata, keeps the password, refreshes its identifiers; patch is limited to admin fields', async () => {
    const { service } = setup();
    const created = await service.create({ traits: { email: 'fay@example.com' }, metadata_public: { plan: 'free' }, credentials: { password: { config: { password: 'p4ssphrase!' } } } });
    const updated = await service.update(created.id, { schema_id: 'default', state: 'active', traits: { email: 'fay@new.example.com' }, metadata_admin: { note: 1 } });
    assert.deepEqual(updated.credentials.password?.identifiers, ['fay@new.example.com']);
    assert.deepEqual(updated.credentials.password?.config, created.credentials.password?.config);
    assert.equal(updated.metadata_public, null);
    assert.deepEqual(updated.metadata_admin, { note: 1 });
    const patched = await service.patch(created.id, [{ op: 'add', path: '/traits/name', value: { first: 'Fay' } }]);
    assert.deepEqual(patched.traits, { email: 'fay@new.example.com', name: { first: 'Fay' } });
    await rejectsWith(service.patch(created.id, [{ op: 'replace', path: '/credentials', value: {} }]), BadRequest, (err) => assert.match(err.reason, /cannot be patched/));
    await rejectsWith(service.patch(created.id, [{ op: 'replace', path: '/traits/email', value: 'broken' }]), BadRequest);
    await rejectsWith(service.patch(created.id, { not: 'a patch' }), BadRequest, (err) => assert.match(err.reason, /JSON Patch/));
  });

  test('deactivating an identity revokes its sessions', async () => {
    const { service, revoked } = setup();
    const created = await service.create({ traits: { email: 'gus@example.com' } });
    await service.patch(created.id, [{ op: 'replace', path: '/metadata_public', value: { a: 1 } }]);
    assert.deepEqual(revoked, []);
    const inactive = await service.patch(created.id, [{ op: 'replace', path: '/state', value: 'inactive' }]);
    assert.equal(inactive.state, 'inactive');
    assert.notEqual(inactive.state_changed_at, undefined);
    assert.deepEqual(revoked, [created.id]);
  });

  test('the admin view hides credential configs; include_credential shows only the named types, secrets as {}', async () => {
    const { service } = setup();
    const created = await service.create({ traits: { email: 'hal@example.com' }, credentials: { password: { config: { password: 'p4ssphrase!' } } } });
    const plain = identityView(created);
    assert.deepEqual(Object.keys(plain.credentials).sort(), ['code', 'password']);
    assert.equal(plain.credentials.password?.config, undefined);
    const included = identityView(created, ['password']);
    assert.deepEqual(Object.keys(included.credentials), ['password']);
    assert.deepEqual(included.credentials.password?.config, {});
    assert.deepEqual(identityView(created, ['code']).credentials.code?.config, { addresses: [{ channel: 'email', address: 'hal@example.com' }] });
  });

  test('delete, delete one credential, and 404s for unknown ids', async () => {
    const { service } = setup();
    const created = await service.create({ traits: { email: 'ivy@example.com' }, credentials: { password: { config: { password: 'p4ssphrase!' } } } });
    const without = await service.deleteCredential(created.id, 'password');
    assert.equal(without.credentials.password, undefined);
    await rejectsWith(service.deleteCredential(created.id, 'password'), FlowNotFound);
    await rejectsWith(service.deleteCredential(created.id, 'code'), BadRequest);
    await service.delete(created.id);
    await rejectsWith(service.get(created.id), FlowNotFound);
    await rejectsWith(service.delete(created.id), FlowNotFound);
    await rejectsWith(service.get('not-a-uuid'), FlowNotFound);
  });

  test('list pages by id and filters by a normalised credentials identifier', async () => {
    const { service } = setup();
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) ids.push((await service.create({ traits: { email: `${name}@example.com` } })).id);
    const first = await service.list({ pageSize: 2 });
    assert.deepEqual(first.identities.map((i) => i.id), ids.slice(0, 2));
    assert.equal(first.next, ids[1]);
    const second = await service.list({ pageSize: 2, after: first.next });
    assert.deepEqual(second.identities.map((i) => i.id), ids.slice(2));
    assert.equal(second.next, undefined);
    assert.deepEqual((await service.list({ pageSize: 10, credentialsIdentifier: ' B@Example.com' })).identities.map((i) => i.id), [ids[1]]);
  });
});
