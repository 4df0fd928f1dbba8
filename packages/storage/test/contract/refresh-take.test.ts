import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RefreshTokenRecord } from '@olympus/oauth2';
import { accessToken, grantSession, NOW, refreshToken, storedClient, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

forEachDatabase('refresh tokens: take (read and consume in one step)', ({ storage }) => {
  /** A stored refresh token and the access token issued with it. */
  const stored = async (overrides: Partial<RefreshTokenRecord> = {}) => {
    const client = storedClient();
    await storage().clients.createClient(client);
    const session = grantSession(client.client.client_id);
    const at = accessToken(session);
    const rt = refreshToken(session, at.signature, overrides);
    await storage().tokens.createAccessToken(at);
    await storage().tokens.createRefreshToken(rt);
    return { clientId: session.clientId, at, rt };
  };

  test('a usable token is consumed with its access token, and returned as it was before', async () => {
    const { clientId, at, rt } = await stored({ expiresAt: NOW + 1000 });
    assert.deepEqual(await storage().tokens.takeRefreshToken(rt.signature, NOW + 10, clientId), { record: rt, consumed: true });
    assert.equal((await storage().tokens.getRefreshToken(rt.signature))?.usedAt, NOW + 10);
    assert.equal((await storage().tokens.getAccessToken(at.signature))?.revokedAt, NOW + 10);
    const again = await storage().tokens.takeRefreshToken(rt.signature, NOW + 20, clientId);
    assert.deepEqual(again, { record: { ...rt, usedAt: NOW + 10 }, consumed: false });
    assert.equal((await storage().tokens.getAccessToken(at.signature))?.revokedAt, NOW + 10, 'the first revocation time stays');
  });

  test('unknown is undefined', async () => {
    assert.equal(await storage().tokens.takeRefreshToken(uid('nope'), NOW, uid('client')), undefined);
  });

  /** A failed check consumes nothing and revokes nothing: the grant reports it from the returned row. */
  const refusedAsItIs = async (name: string, overrides: Partial<RefreshTokenRecord>, now: number, otherClient = false) => {
    const { clientId, at, rt } = await stored(overrides);
    const taken = await storage().tokens.takeRefreshToken(rt.signature, now, otherClient ? uid('client') : clientId);
    assert.deepEqual(taken, { record: rt, consumed: false }, name);
    assert.deepEqual(await storage().tokens.getRefreshToken(rt.signature), rt, name);
    assert.equal((await storage().tokens.getAccessToken(at.signature))?.revokedAt, null, name);
  };

  test('another client, an expired, revoked, used or login-bound token is read and left as it is', async () => {
    await refusedAsItIs('another client', {}, NOW, true);
    await refusedAsItIs('expired', { expiresAt: NOW }, NOW);
    await refusedAsItIs('revoked', { revokedAt: NOW - 1 }, NOW);
    await refusedAsItIs('used', { usedAt: NOW - 1 }, NOW);
    await refusedAsItIs('not offline', { offline: false }, NOW);
  });

  test('of concurrent takes exactly one consumes', async () => {
    const { clientId, rt } = await stored();
    const results = await Promise.all(Array.from({ length: 8 }, () => storage().tokens.takeRefreshToken(rt.signature, NOW + 5, clientId)));
    assert.equal(results.filter((r) => r?.consumed).length, 1);
  });
});
