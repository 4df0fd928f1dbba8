import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { newIdentityId, type Credential, type Identity } from '@olympus/identity';
import { createIdentityStorage } from '@olympus/storage';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const at = new Date(NOW).toISOString();

const credential = (type: Credential['type'], identifiers: string[]): Credential => ({
  type, identifiers, version: 0, config: type === 'password' ? { hashed_password: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA' } : {},
  created_at: at, updated_at: at,
});

const identity = (email: string, overrides: Partial<Identity> = {}): Identity => ({
  id: newIdentityId(), schema_id: 'default', schema_url: 'http://127.0.0.1/schemas/ZGVmYXVsdA', state: 'active', state_changed_at: at,
  traits: { email }, metadata_public: null, metadata_admin: { note: 'x' }, external_id: '',
  verifiable_addresses: [], recovery_addresses: [],
  credentials: { password: credential('password', [email]), code: credential('code', [email]) },
  organization_id: null, created_at: at, updated_at: at,
  ...overrides,
});

forEachDatabase('identities', ({ db }) => {
  const store = () => createIdentityStorage(db()).identities;

  test('create, get, find by identifier, update and delete', async () => {
    const email = `${uid('ann')}@example.com`;
    const ann = identity(email);
    assert.deepEqual(await store().createIdentity(ann), { status: 'ok' });
    assert.deepEqual(await store().getIdentity(ann.id), ann);
    assert.deepEqual(await store().findByCredentialIdentifier('password', email), ann);
    assert.equal(await store().findByCredentialIdentifier('totp', email), undefined, 'identifiers are per credential type');

    const renamed = `${uid('ann2')}@example.com`;
    const updated = identity(renamed, { id: ann.id, credentials: { password: credential('password', [renamed]) } });
    assert.deepEqual(await store().updateIdentity(updated), { status: 'ok' });
    assert.equal(await store().findByCredentialIdentifier('password', email), undefined, 'the old identifier is released');
    assert.equal(await store().findByCredentialIdentifier('code', email), undefined);
    assert.deepEqual(await store().findByCredentialIdentifier('password', renamed), updated);
    assert.deepEqual(await store().updateIdentity(identity('ghost@example.com')), { status: 'not_found' });

    assert.equal(await store().deleteIdentity(ann.id), true);
    assert.equal(await store().getIdentity(ann.id), undefined);
    assert.equal(await store().findByCredentialIdentifier('password', renamed), undefined);
    assert.equal(await store().deleteIdentity(ann.id), false);
    assert.deepEqual(await store().createIdentity(identity(renamed)), { status: 'ok' }, 'a deleted identity frees its identifiers');
  });

  test('a duplicate identifier writes nothing, on create and on update', async () => {
    const email = `${uid('bob')}@example.com`;
    const bob = identity(email);
    assert.equal((await store().createIdentity(bob)).status, 'ok');
    const twin = identity(email);
    assert.deepEqual(await store().createIdentity(twin), { status: 'duplicate_identifier', type: 'password', identifier: email });
    assert.equal(await store().getIdentity(twin.id), undefined, 'the identity row was rolled back with its identifiers');

    const other = identity(`${uid('carl')}@example.com`);
    assert.equal((await store().createIdentity(other)).status, 'ok');
    const stealing = { ...other, traits: { email }, credentials: { password: credential('password', [email]) } };
    assert.equal((await store().updateIdentity(stealing)).status, 'duplicate_identifier');
    assert.deepEqual(await store().getIdentity(other.id), other, 'the update was rolled back');
    assert.deepEqual(await store().findByCredentialIdentifier('password', other.traits.email as string), other, 'its identifiers too');
  });

  test('of concurrent creates with one identifier exactly one wins', async () => {
    const email = `${uid('race')}@example.com`;
    const results = await Promise.all(Array.from({ length: 8 }, () => store().createIdentity(identity(email))));
    assert.equal(results.filter((r) => r.status === 'ok').length, 1);
    assert.equal(results.filter((r) => r.status === 'duplicate_identifier').length, 7);
    const rows = await db().query<{ n: number }>('SELECT COUNT(*) AS n FROM identity_credential_identifiers WHERE identifier = ?', [email]);
    assert.equal(Number(rows[0]?.n), 2, 'one password and one code identifier');
  });

  test('keyset pages by id, filtered by identifier or ids', async () => {
    const tag = uid('page');
    const made: Identity[] = [];
    for (let i = 0; i < 5; i += 1) {
      const one = identity(`${tag}-${i}@example.com`, { id: newIdentityId(NOW + 1_000_000_000 + i) });
      assert.equal((await store().createIdentity(one)).status, 'ok');
      made.push(one);
    }
    const ids = made.map((i) => i.id);
    const first = await store().listIdentities({ limit: 2, ids });
    assert.deepEqual(first.map((i) => i.id), ids.slice(0, 2));
    const second = await store().listIdentities({ limit: 2, ids, after: first[1]!.id });
    assert.deepEqual(second.map((i) => i.id), ids.slice(2, 4));
    const found = await store().listIdentities({ limit: 10, credentialsIdentifier: `${tag}-3@example.com` });
    assert.deepEqual(found.map((i) => i.id), [ids[3]]);
    assert.deepEqual(await store().listIdentities({ limit: 10, ids: [] }), []);
    assert.deepEqual(await store().listIdentities({ limit: 10, ids: [randomUUID()] }), []);
  });
});
