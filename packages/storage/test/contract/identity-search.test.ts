/**
 * Searching identities by one trait or metadata value (IdentityPage.field), on both databases: exact
 * or prefix, nested paths, only string values, case-sensitive, with keyset paging and the other filters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newIdentityId, readFieldFilter, type Identity } from '@olympus/identity';
import { createIdentityStorage } from '@olympus/storage';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const at = new Date(NOW).toISOString();

const identity = (traits: Record<string, unknown>, metadata: Partial<Pick<Identity, 'metadata_public' | 'metadata_admin'>> = {}, offset = 0): Identity => ({
  id: newIdentityId(NOW + 2_000_000_000 + offset), schema_id: 'default', schema_url: 'http://127.0.0.1/schemas/ZGVmYXVsdA',
  state: 'active', state_changed_at: at, traits, metadata_public: null, metadata_admin: null, external_id: '',
  verifiable_addresses: [], recovery_addresses: [], credentials: {}, organization_id: null, created_at: at, updated_at: at,
  ...metadata,
});

forEachDatabase('identity search by trait or metadata', ({ db }) => {
  const store = () => createIdentityStorage(db()).identities;
  const tag = uid('s').slice(0, 12);
  const made: Identity[] = [];

  test('the fixtures are stored', async () => {
    made.push(
      identity({ email: `${tag}-ann@example.com`, name: { first: `${tag}Ann`, last: 'Lee' } }, { metadata_public: { plan: `${tag}-gold` } }, 0),
      identity({ email: `${tag}-anna@example.com`, name: { first: `${tag}Anna`, last: 'Lee' } }, { metadata_admin: { team: `${tag}-ops` } }, 1),
      identity({ email: `${tag}-bob@example.com`, name: { first: `${tag}Bob` }, age: 5 }, { metadata_public: { plan: `${tag}-silver`, n: 5 } }, 2),
    );
    for (const one of made) assert.deepEqual(await store().createIdentity(one), { status: 'ok' });
  });

  const search = async (field: string, value: string, match: 'exact' | 'prefix' = 'exact', extra: { limit?: number; after?: string } = {}) =>
    (await store().listIdentities({ limit: extra.limit ?? 10, after: extra.after, field: readFieldFilter(field, value, match) })).map((i) => i.id);

  test('an exact value of a top-level or nested trait', async () => {
    assert.deepEqual(await search('traits.email', `${tag}-anna@example.com`), [made[1]!.id]);
    assert.deepEqual(await search('traits.name.first', `${tag}Ann`), [made[0]!.id], 'exact: Ann is not Anna');
    assert.deepEqual(await search('traits.name.last', 'Lee'), [made[0]!.id, made[1]!.id], 'the database is this suite\'s own');
  });

  test('a prefix, case-sensitive, paged by id', async () => {
    assert.deepEqual(await search('traits.name.first', `${tag}Ann`, 'prefix'), [made[0]!.id, made[1]!.id]);
    assert.deepEqual(await search('traits.name.first', `${tag}ann`, 'prefix'), [], 'case-sensitive');
    assert.deepEqual(await search('traits.email', `${tag}-`, 'prefix', { limit: 2 }), [made[0]!.id, made[1]!.id]);
    assert.deepEqual(await search('traits.email', `${tag}-`, 'prefix', { limit: 2, after: made[1]!.id }), [made[2]!.id]);
  });

  test('public and admin metadata', async () => {
    assert.deepEqual(await search('metadata_public.plan', `${tag}-gold`), [made[0]!.id]);
    assert.deepEqual(await search('metadata_public.plan', `${tag}-`, 'prefix'), [made[0]!.id, made[2]!.id]);
    assert.deepEqual(await search('metadata_admin.team', `${tag}-ops`), [made[1]!.id]);
    assert.deepEqual(await search('metadata_admin.plan', `${tag}-gold`), [], 'the root is part of the path');
  });

  test('only string values match; a missing path matches nothing', async () => {
    assert.deepEqual(await search('traits.age', '5'), [], 'the number 5 is not the string "5"');
    assert.deepEqual(await search('metadata_public.n', '5', 'prefix'), []);
    assert.deepEqual(await search('traits.name', `${tag}`, 'prefix'), [], 'an object is not a string');
    assert.deepEqual(await search('traits.nickname', 'x', 'prefix'), []);
  });

  test('a value with SQL wildcards and quotes is compared as it is', async () => {
    assert.deepEqual(await search('traits.email', `${tag}%`, 'prefix'), []);
    assert.deepEqual(await search('traits.email', `${tag}_`, 'prefix'), []);
    assert.deepEqual(await search('traits.email', `' OR '1'='1`), []);
  });

  test('the filter narrows the other filters', async () => {
    const ids = made.map((i) => i.id);
    const rows = await store().listIdentities({ limit: 10, ids: [ids[0]!, ids[2]!], field: readFieldFilter('traits.email', `${tag}-`, 'prefix') });
    assert.deepEqual(rows.map((i) => i.id), [ids[0], ids[2]]);
    const both = await store().listIdentities({ limit: 10, credentialsIdentifier: 'nobody@example.com', field: readFieldFilter('traits.email', `${tag}-`, 'prefix') });
    assert.deepEqual(both, []);
  });
});
