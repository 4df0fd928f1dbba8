/**
 * A login's reservation with the strategy's identity lookup (ProtectionStore.reserve with a
 * CredentialLookup): an admitted attempt gets the identity (or none, for an unknown identifier) as
 * IdentityStore.findByCredentialIdentifier finds it; an attempt refused for reservations in flight,
 * locked out, or whose IP counter is at its limit looks nobody up. Both databases.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { newIdentityId, type AttemptReservation, type CounterHit, type Identity } from '@olympus/identity';
import { createIdentityStorage } from '@olympus/storage';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const at = new Date(NOW).toISOString();
const identity = (email: string): Identity => ({
  id: newIdentityId(), schema_id: 'default', schema_url: 'http://127.0.0.1/schemas/ZGVmYXVsdA', state: 'active', state_changed_at: at,
  traits: { email }, metadata_public: null, metadata_admin: null, external_id: '', verifiable_addresses: [], recovery_addresses: [],
  credentials: { password: { type: 'password', identifiers: [email], version: 0, config: { hashed_password: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA' }, created_at: at, updated_at: at } },
  organization_id: null, created_at: at, updated_at: at,
});

const asking = (key: string, limit = 2): AttemptReservation => ({ key, limit, windowMs: 60_000, holdMs: 30_000, token: randomUUID() });
const ipRead = (key: string, limit = 2): CounterHit => ({ key, add: 0, limit, windowMs: 60_000 });

forEachDatabase('a login reservation with its identity lookup', ({ db }) => {
  const storage = () => createIdentityStorage(db());
  const lookupOf = (email: string) => ({ type: 'password', identifier: email }) as const;

  test('an admitted attempt gets the identity holding the identifier, or none for an unknown one', async () => {
    const email = `${uid('ann')}@example.com`;
    const ann = identity(email);
    await storage().identities.createIdentity(ann);
    const found = await storage().protection.reserve(asking(uid('k')), [ipRead(uid('ip'))], NOW, lookupOf(email));
    assert.equal(found.reservation.granted, true);
    assert.deepEqual(found.lookedUp, { identity: ann });
    const unknown = await storage().protection.reserve(asking(uid('k')), [ipRead(uid('ip'))], NOW, lookupOf(`${uid('nobody')}@example.com`));
    assert.deepEqual(unknown.lookedUp, { identity: undefined });
    const without = await storage().protection.reserve(asking(uid('k')), [], NOW);
    assert.equal(without.lookedUp, undefined, 'no lookup asked, none made');
  });

  test('a refused, locked-out or IP-locked attempt looks nobody up', async () => {
    const email = `${uid('bob')}@example.com`;
    await storage().identities.createIdentity(identity(email));
    const key = uid('k');
    await storage().protection.reserve(asking(key), [], NOW);
    await storage().protection.reserve(asking(key), [], NOW);
    const busy = await storage().protection.reserve(asking(key), [], NOW, lookupOf(email));
    assert.deepEqual([busy.reservation.granted, busy.lookedUp], [false, undefined]);

    const locked = uid('k');
    for (let i = 0; i < 2; i++) {
      const attempt = asking(locked);
      const { reservation } = await storage().protection.reserve(attempt, [], NOW);
      await storage().protection.settle(attempt, reservation.generation, 'failure', NOW);
    }
    const refused = await storage().protection.reserve(asking(locked), [], NOW, lookupOf(email));
    assert.deepEqual([refused.reservation.failures, refused.lookedUp], [2, undefined]);

    const ip = uid('ip');
    for (let i = 0; i < 2; i++) await storage().protection.hit([{ key: ip, add: 1, limit: 2, windowMs: 60_000 }], NOW, 'sliding');
    const ipLocked = await storage().protection.reserve(asking(uid('k')), [ipRead(ip)], NOW, lookupOf(email));
    assert.deepEqual([ipLocked.reservation.granted, ipLocked.reads[0]?.hits, ipLocked.lookedUp], [true, 2, undefined]);
  });
});
