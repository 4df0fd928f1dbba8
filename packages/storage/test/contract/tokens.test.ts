import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GrantSession } from '@olympus/oauth2';
import { accessToken, code, grantSession, NOW, refreshToken, storedClient, tally, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

forEachDatabase('access and refresh tokens', ({ storage }) => {
  const newSession = async (overrides: Partial<GrantSession> = {}): Promise<GrantSession> => {
    const client = storedClient();
    await storage().clients.createClient(client);
    return grantSession(client.client.client_id, overrides);
  };

  /** A grant with a used code, an access token and a refresh token paired with it. */
  const newGrant = async (session?: GrantSession) => {
    const s = session ?? (await newSession());
    const c = code(s);
    const at = accessToken(s);
    const rt = refreshToken(s, at.signature);
    await storage().tokens.createAuthorizationCode(c);
    await storage().tokens.createAccessToken(at);
    await storage().tokens.createRefreshToken(rt);
    return { session: s, code: c, at, rt };
  };

  test('access tokens round-trip and revoke once', async () => {
    const { at } = await newGrant();
    assert.deepEqual(await storage().tokens.getAccessToken(at.signature), at);
    assert.equal(await storage().tokens.getAccessToken(uid('nope')), undefined);
    await storage().tokens.revokeAccessToken(at.signature, NOW + 1);
    await storage().tokens.revokeAccessToken(at.signature, NOW + 2);
    assert.equal((await storage().tokens.getAccessToken(at.signature))?.revokedAt, NOW + 1);
  });

  test('refresh tokens: consumed once, then already_used; unknown is not_found', async () => {
    const { rt } = await newGrant();
    assert.deepEqual(await storage().tokens.getRefreshToken(rt.signature), rt);
    const first = await storage().tokens.consumeRefreshToken(rt.signature, NOW + 10, 0);
    assert.deepEqual(first, { status: 'consumed', record: { ...rt, usedAt: NOW + 10 } });
    const again = await storage().tokens.consumeRefreshToken(rt.signature, NOW + 10, 0);
    assert.equal(again.status, 'already_used');
    assert.deepEqual(await storage().tokens.consumeRefreshToken(uid('nope'), NOW, 0), { status: 'not_found' });
  });

  test('consuming a refresh token revokes the access token issued with it, once; a losing attempt revokes nothing else', async () => {
    const { at, rt } = await newGrant();
    const other = await newGrant();
    assert.equal((await storage().tokens.consumeRefreshToken(rt.signature, NOW + 10, 0)).status, 'consumed');
    assert.equal((await storage().tokens.getAccessToken(at.signature))?.revokedAt, NOW + 10);
    assert.equal((await storage().tokens.consumeRefreshToken(rt.signature, NOW + 20, 0)).status, 'already_used');
    assert.equal((await storage().tokens.getAccessToken(at.signature))?.revokedAt, NOW + 10, 'the first revocation time stays');
    assert.equal((await storage().tokens.getAccessToken(other.at.signature))?.revokedAt, null);
    assert.equal((await storage().tokens.getRefreshToken(other.rt.signature))?.usedAt, null);
  });

  test('refresh grace window: reuse inside graceMs is consumed again, after it already_used', async () => {
    const { rt } = await newGrant();
    assert.equal((await storage().tokens.consumeRefreshToken(rt.signature, NOW, 5000)).status, 'consumed');
    const inGrace = await storage().tokens.consumeRefreshToken(rt.signature, NOW + 4999, 5000);
    assert.equal(inGrace.status, 'consumed');
    assert.ok(inGrace.status === 'consumed');
    assert.equal(inGrace.record.usedAt, NOW, 'the first use time is kept');
    assert.equal((await storage().tokens.consumeRefreshToken(rt.signature, NOW + 5000, 5000)).status, 'already_used');
  });

  test('without a grace window, a reuse stamped before the first use (another node\'s clock) is already_used', async () => {
    const { rt } = await newGrant();
    assert.equal((await storage().tokens.consumeRefreshToken(rt.signature, NOW + 100, 0)).status, 'consumed');
    assert.equal((await storage().tokens.consumeRefreshToken(rt.signature, NOW + 50, 0)).status, 'already_used');
  });

  test('a revoked refresh token is already_used, even inside the grace window', async () => {
    const first = await newGrant();
    await storage().tokens.revokeRefreshToken(first.rt.signature, NOW);
    assert.equal((await storage().tokens.consumeRefreshToken(first.rt.signature, NOW + 1, 60_000)).status, 'already_used');

    const second = await newGrant();
    assert.equal((await storage().tokens.consumeRefreshToken(second.rt.signature, NOW, 60_000)).status, 'consumed');
    await storage().tokens.revokeGrant(second.session.grantId, NOW + 1);
    assert.equal((await storage().tokens.consumeRefreshToken(second.rt.signature, NOW + 2, 60_000)).status, 'already_used');
  });

  test('20 parallel refreshes of one token: exactly one consumed, 19 already_used', async () => {
    const { rt } = await newGrant();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => storage().tokens.consumeRefreshToken(rt.signature, NOW, 0)),
    );
    assert.deepEqual(tally(results.map((r) => r.status)), { consumed: 1, already_used: 19 });
  });

  test('revoking a refresh token revokes the access token issued with it', async () => {
    const { at, rt } = await newGrant();
    await storage().tokens.revokeRefreshToken(rt.signature, NOW + 3);
    assert.equal((await storage().tokens.getRefreshToken(rt.signature))?.revokedAt, NOW + 3);
    assert.equal((await storage().tokens.getAccessToken(at.signature))?.revokedAt, NOW + 3);
  });

  test('revokeGrant marks the code used and revokes access and refresh tokens of that grant only', async () => {
    const target = await newGrant();
    const other = await newGrant();
    await storage().tokens.revokeGrant(target.session.grantId, NOW + 7);

    assert.equal((await storage().tokens.consumeAuthorizationCode(target.code.signature, NOW + 8)).status, 'already_used');
    assert.equal((await storage().tokens.getAccessToken(target.at.signature))?.revokedAt, NOW + 7);
    assert.equal((await storage().tokens.getRefreshToken(target.rt.signature))?.revokedAt, NOW + 7);

    assert.equal((await storage().tokens.consumeAuthorizationCode(other.code.signature, NOW + 8)).status, 'consumed');
    assert.equal((await storage().tokens.getAccessToken(other.at.signature))?.revokedAt, null);
    assert.equal((await storage().tokens.getRefreshToken(other.rt.signature))?.revokedAt, null);
  });

  test('a token minted for a grant after it was revoked is born revoked (refresh-vs-revoke race)', async () => {
    const { session } = await newGrant();
    await storage().tokens.revokeGrant(session.grantId, NOW + 1);
    const late = accessToken(session);
    const lateRefresh = refreshToken(session, late.signature);
    await storage().tokens.createAccessToken(late);
    await storage().tokens.createRefreshToken(lateRefresh);
    assert.equal((await storage().tokens.getAccessToken(late.signature))?.revokedAt, NOW + 1);
    assert.equal((await storage().tokens.consumeRefreshToken(lateRefresh.signature, NOW + 2, 0)).status, 'already_used');
  });

  test('revokeFlows revokes every token issued from those flows, and no other', async () => {
    const flowId = uid('flow');
    const a = await newGrant(await newSession({ flowId }));
    const b = await newGrant(await newSession({ flowId })); // a second grant from the same flow
    const untouched = await newGrant();
    await storage().tokens.revokeFlows([flowId, uid('unknown-flow')], NOW + 4);
    for (const g of [a, b]) {
      assert.equal((await storage().tokens.getAccessToken(g.at.signature))?.revokedAt, NOW + 4);
      assert.equal((await storage().tokens.getRefreshToken(g.rt.signature))?.revokedAt, NOW + 4);
      assert.equal((await storage().tokens.consumeAuthorizationCode(g.code.signature, NOW + 5)).status, 'already_used');
    }
    assert.equal((await storage().tokens.getAccessToken(untouched.at.signature))?.revokedAt, null);
    await storage().tokens.revokeFlows([], NOW + 6);
  });

  test('revokeAccessTokensOfClient revokes that client\'s access tokens, not refresh tokens or others', async () => {
    const mine = await newGrant();
    const second = accessToken(mine.session);
    await storage().tokens.createAccessToken(second);
    const theirs = await newGrant();
    await storage().tokens.revokeAccessTokensOfClient(mine.session.clientId, NOW + 2);
    assert.equal((await storage().tokens.getAccessToken(mine.at.signature))?.revokedAt, NOW + 2);
    assert.equal((await storage().tokens.getAccessToken(second.signature))?.revokedAt, NOW + 2);
    assert.equal((await storage().tokens.getRefreshToken(mine.rt.signature))?.revokedAt, null);
    assert.equal((await storage().tokens.getAccessToken(theirs.at.signature))?.revokedAt, null);
  });

  test('client_credentials tokens (no flow, no session) round-trip', async () => {
    const session = await newSession({ flowId: '', sessionId: '', subject: '' });
    const at = accessToken(session);
    await storage().tokens.createAccessToken(at);
    assert.deepEqual(await storage().tokens.getAccessToken(at.signature), at);
  });

  test('deleting a client deletes its codes and tokens', async () => {
    const { session, code: c, at, rt } = await newGrant();
    assert.equal(await storage().clients.deleteClient(session.clientId), true);
    assert.equal(await storage().tokens.getAccessToken(at.signature), undefined);
    assert.equal(await storage().tokens.getRefreshToken(rt.signature), undefined);
    assert.deepEqual(await storage().tokens.consumeAuthorizationCode(c.signature, NOW), { status: 'not_found' });
  });
});
