/**
 * The counts Athena's home page shows, on both databases: clients, identities, and identity sessions
 * live at a time or issued since a time (a revoked or expired session is not live, but was issued).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { newIdentityId, type Identity, type Session } from '@olympus/identity';
import { createIdentityStorage } from '@olympus/storage';
import { NOW, storedClient, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const HOUR = 3_600_000;

const identity = (): Identity => ({
  id: newIdentityId(), schema_id: 'default', schema_url: 'http://127.0.0.1/schemas/ZGVmYXVsdA', state: 'active', state_changed_at: iso(NOW),
  traits: { email: `${uid('count')}@example.com` }, metadata_public: null, metadata_admin: null, external_id: '',
  verifiable_addresses: [], recovery_addresses: [], credentials: {}, organization_id: null, created_at: iso(NOW), updated_at: iso(NOW),
});

const session = (issuedAt: number, expiresAt: number): Session => ({
  id: randomUUID(), active: true, expires_at: iso(expiresAt), authenticated_at: iso(issuedAt), issued_at: iso(issuedAt),
  authenticator_assurance_level: 'aal1', authentication_methods: [{ method: 'password', aal: 'aal1', completed_at: iso(issuedAt) }],
  identity_id: uid('identity'), devices: [],
});

forEachDatabase('counts', ({ db, storage }) => {
  test('clients: every stored client, none after a delete', async () => {
    const clients = storage().clients;
    assert.equal(await clients.countClients(), 0, 'a fresh database has none');
    const [a, b] = [storedClient(), storedClient()];
    await clients.createClient(a);
    await clients.createClient(b);
    assert.equal(await clients.countClients(), 2);
    await clients.deleteClient(a.client.client_id);
    assert.equal(await clients.countClients(), 1);
  });

  test('identities: every identity whatever its state', async () => {
    const identities = createIdentityStorage(db()).identities;
    assert.equal(await identities.countIdentities(), 0);
    const first = identity();
    await identities.createIdentity(first);
    await identities.createIdentity({ ...identity(), state: 'inactive' });
    assert.equal(await identities.countIdentities(), 2);
    await identities.deleteIdentity(first.id);
    assert.equal(await identities.countIdentities(), 1);
  });

  test('sessions: live at a time (active and unexpired), issued since a time, or both', async () => {
    const sessions = createIdentityStorage(db()).sessions;
    const live = session(NOW - HOUR, NOW + HOUR);
    const expired = session(NOW - 3 * HOUR, NOW - HOUR);
    const revoked = session(NOW - 2 * HOUR, NOW + HOUR);
    const old = session(NOW - 48 * HOUR, NOW + HOUR);
    for (const s of [live, expired, revoked, old]) await sessions.createSession(s, uid('hash'));
    await sessions.revokeSession(revoked.id, NOW);

    assert.equal(await sessions.countSessions({}), 4, 'no filter: every session');
    assert.equal(await sessions.countSessions({ liveAt: NOW }), 2, 'the live one and the old one still live');
    assert.equal(await sessions.countSessions({ issuedSince: NOW - 24 * HOUR }), 3, 'issued in the last 24 h, revoked or expired since or not');
    assert.equal(await sessions.countSessions({ liveAt: NOW, issuedSince: NOW - 24 * HOUR }), 1);
    assert.equal(await sessions.countSessions({ issuedSince: NOW - HOUR }), 1, 'issued exactly at the bound counts');
    assert.equal(await sessions.countSessions({ liveAt: NOW + 2 * HOUR }), 0, 'nothing is live after every expiry');
  });
});
