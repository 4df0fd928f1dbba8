import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOAuth2Storage, type Db } from '@olympus/storage';
import { accessToken, grantSession, NOW, refreshToken, storedClient } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

/**
 * A token committed for a grant while the grant's revocation is still in its transaction must not
 * outlive the revocation (RFC 9700 §4.14.2: a reused refresh token revokes the whole family).
 * The revocation's first transaction is held open at its end until `meanwhile` has run.
 */
const holdingFirstTransaction = (db: Db, meanwhile: () => Promise<void>): Db => {
  let held = false;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return async <T>(fn: (tx: Db) => Promise<T>): Promise<T> =>
          target.transaction(async (tx) => {
            const result = await fn(tx);
            if (!held) {
              held = true;
              await meanwhile();
            }
            return result;
          });
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

forEachDatabase('grant revocation racing a token insert', ({ kind, db, storage }) => {
  const grant = async () => {
    const client = storedClient();
    await storage().clients.createClient(client);
    const session = grantSession(client.client.client_id);
    const at = accessToken(session);
    await storage().tokens.createAccessToken(at);
    await storage().tokens.createRefreshToken(refreshToken(session, at.signature));
    return session;
  };

  if (kind === 'postgres') {
    test('a token committed while the revocation is uncommitted is revoked by the time revokeGrant returns', async () => {
      const session = await grant();
      const late = accessToken(session);
      const lateRefresh = refreshToken(session, late.signature);
      // Another connection of the pool commits the new tokens while the revocation's transaction is open.
      const revoking = createOAuth2Storage(holdingFirstTransaction(db(), async () => {
        await storage().tokens.createAccessToken(late);
        await storage().tokens.createRefreshToken(lateRefresh);
      }));
      await revoking.tokens.revokeGrant(session.grantId, NOW + 50);
      assert.notEqual((await storage().tokens.getAccessToken(late.signature))?.revokedAt, null);
      assert.notEqual((await storage().tokens.getRefreshToken(lateRefresh.signature))?.revokedAt, null);
    });
  } else {
    test('a token inserted while the revocation holds the write lock waits for it and is born revoked', async () => {
      const session = await grant();
      const late = accessToken(session);
      let inserting: Promise<void> | undefined;
      const revoking = createOAuth2Storage(holdingFirstTransaction(db(), async () => {
        // SQLite has one writer: the insert cannot run until the revocation commits.
        inserting = storage().tokens.createAccessToken(late);
      }));
      await revoking.tokens.revokeGrant(session.grantId, NOW + 50);
      await inserting;
      assert.equal((await storage().tokens.getAccessToken(late.signature))?.revokedAt, NOW + 50);
    });
  }
});
