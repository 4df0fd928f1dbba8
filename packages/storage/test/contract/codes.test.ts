import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code, grantSession, NOW, storedClient, tally, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

forEachDatabase('authorization codes', ({ storage }) => {
  const newCode = async () => {
    const client = storedClient();
    await storage().clients.createClient(client);
    const record = code(grantSession(client.client.client_id));
    await storage().tokens.createAuthorizationCode(record);
    return record;
  };

  test('the first consumption returns the record, a replay is already_used, an unknown code not_found', async () => {
    const record = await newCode();
    const first = await storage().tokens.consumeAuthorizationCode(record.signature, NOW + 5);
    assert.deepEqual(first, { status: 'consumed', record: { ...record, usedAt: NOW + 5 } });
    const replay = await storage().tokens.consumeAuthorizationCode(record.signature, NOW + 9);
    assert.deepEqual(replay, { status: 'already_used', record: { ...record, usedAt: NOW + 5 } });
    assert.deepEqual(await storage().tokens.consumeAuthorizationCode(uid('nope'), NOW), { status: 'not_found' });
  });

  test('20 parallel consumptions of one code: exactly one consumed, 19 already_used', async () => {
    const record = await newCode();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => storage().tokens.consumeAuthorizationCode(record.signature, NOW + i)),
    );
    assert.deepEqual(tally(results.map((r) => r.status)), { consumed: 1, already_used: 19 });
    const winner = results.find((r) => r.status === 'consumed');
    assert.ok(winner && winner.status === 'consumed');
    for (const r of results) if (r.status === 'already_used') assert.equal(r.record.usedAt, winner.record.usedAt);
  });

  test('a code keeps every field of its grant session through JSON', async () => {
    const record = await newCode();
    const result = await storage().tokens.consumeAuthorizationCode(record.signature, NOW);
    assert.equal(result.status, 'consumed');
    assert.ok(result.status === 'consumed');
    assert.deepEqual(result.record.session, record.session);
    assert.equal(result.record.redirectUriSent, true);
  });
});
