import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storedClient, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

forEachDatabase('clients', ({ storage }) => {
  test('create, get, update and delete one client', async () => {
    const client = storedClient({ contacts: ['ops@example.com'], skip_consent: true }, ['hash-a', 'hash-b']);
    const clients = storage().clients;
    assert.equal(await clients.createClient(client), true);
    assert.deepEqual(await clients.getClient(client.client.client_id), client);

    assert.equal(await clients.createClient({ ...client, secretHashes: [] }), false, 'the id is taken');
    assert.deepEqual(await clients.getClient(client.client.client_id), client, 'a refused create changes nothing');

    const updated = { ...client, client: { ...client.client, client_name: 'Renamed', metadata: { x: [1, { y: null }] } } };
    assert.equal(await clients.updateClient(updated), true);
    assert.deepEqual(await clients.getClient(client.client.client_id), updated);
    assert.equal(await clients.updateClient(storedClient()), false, 'no such client');

    assert.equal(await clients.deleteClient(client.client.client_id), true);
    assert.equal(await clients.getClient(client.client.client_id), undefined);
    assert.equal(await clients.deleteClient(client.client.client_id), false);
  });

  test('stored JSON keeps the key order of the client as written', async () => {
    const client = storedClient();
    await storage().clients.createClient(client);
    const read = await storage().clients.getClient(client.client.client_id);
    assert.deepEqual(Object.keys(read?.client ?? {}), Object.keys(client.client));
  });

  test('keyset paging orders by created_at then client_id and continues after a position', async () => {
    const owner = uid('owner');
    const at = (iso: string, id: string) => storedClient({ client_id: `${owner}-${id}`, owner, created_at: iso });
    const all = [
      at('2025-03-01T00:00:00Z', 'b'),
      at('2025-01-01T00:00:00Z', 'z'),
      at('2025-03-01T00:00:00Z', 'a'),
      at('2025-02-01T00:00:00+02:00', 'm'), // 2025-01-31T22:00Z: offsets are compared as instants
      at('2025-01-31T23:00:00Z', 'n'),
    ];
    for (const c of all) assert.equal(await storage().clients.createClient(c), true);
    const expected = ['z', 'm', 'n', 'a', 'b'].map((id) => `${owner}-${id}`);

    const ids = (list: { client: { client_id: string } }[]) => list.map((c) => c.client.client_id);
    assert.deepEqual(ids(await storage().clients.listClients({ limit: 10, owner })), expected);

    const first = await storage().clients.listClients({ limit: 2, owner });
    assert.deepEqual(ids(first), expected.slice(0, 2));
    const last = first[first.length - 1]!.client;
    const next = await storage().clients.listClients({ limit: 2, owner, after: { createdAt: last.created_at, id: last.client_id } });
    assert.deepEqual(ids(next), expected.slice(2, 4));
    // 'a' and 'b' share a created_at: the position after 'a' must still yield 'b'.
    const afterTie = await storage().clients.listClients({ limit: 10, owner, after: { createdAt: '2025-03-01T00:00:00Z', id: `${owner}-a` } });
    assert.deepEqual(ids(afterTie), [`${owner}-b`]);
  });

  test('filters by client_name and owner are exact', async () => {
    const owner = uid('owner');
    const name = uid('name');
    await storage().clients.createClient(storedClient({ client_name: name, owner }));
    await storage().clients.createClient(storedClient({ client_name: name, owner: `${owner}-other` }));
    await storage().clients.createClient(storedClient({ client_name: `${name}-longer`, owner }));

    assert.equal((await storage().clients.listClients({ limit: 10, clientName: name })).length, 2);
    assert.equal((await storage().clients.listClients({ limit: 10, owner })).length, 2);
    const both = await storage().clients.listClients({ limit: 10, clientName: name, owner });
    assert.deepEqual(both.map((c) => [c.client.client_name, c.client.owner]), [[name, owner]]);
    assert.deepEqual(await storage().clients.listClients({ limit: 10, owner: owner.toUpperCase() }), []);
  });
});
