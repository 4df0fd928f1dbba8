/**
 * Rotation windows are stored inside the client's JSON next to its secret hashes (StoredClient
 * rotatedSecretsExpireAt, packages/oauth2/src/clients/rotation.ts): they round-trip on both
 * databases, a row written before windows existed reads without them, and removing them sticks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOW, storedClient } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

forEachDatabase('client secret windows', ({ db, storage }) => {
  test('windows round-trip by hash, and an update without them drops them', async () => {
    const client = { ...storedClient({}, ['current', 'rotated-a', 'rotated-b']), rotatedSecretsExpireAt: { 'rotated-a': NOW + 3_600_000 } };
    const clients = storage().clients;
    assert.equal(await clients.createClient(client), true);
    assert.deepEqual(await clients.getClient(client.client.client_id), client);

    const retired = { client: client.client, secretHashes: ['current'] };
    assert.equal(await clients.updateClient(retired), true);
    const read = await clients.getClient(client.client.client_id);
    assert.deepEqual(read, retired);
    assert.equal(read !== undefined && 'rotatedSecretsExpireAt' in read, false);
  });

  test('a row stored before windows existed reads as it was written', async () => {
    const legacy = storedClient({}, ['current', 'rotated']);
    await db().execute(
      'INSERT INTO oauth2_clients (client_name, owner, created_at, client_id, data) VALUES (?, ?, ?, ?, ?)',
      [legacy.client.client_name, legacy.client.owner, Date.parse(legacy.client.created_at), legacy.client.client_id, JSON.stringify(legacy)],
    );
    const read = await storage().clients.getClient(legacy.client.client_id);
    assert.deepEqual(read, legacy);
    assert.equal(read?.rotatedSecretsExpireAt, undefined);
  });
});
