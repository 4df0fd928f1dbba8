import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Flow, GrantSession, JanitorCounts, JanitorOptions, JanitorSelection } from '@olympus/oauth2';
import { createOAuth2Storage, type Db } from '@olympus/storage';
import { JTI_REPLAY_MARGIN_MS } from '../../src/oauth2/janitor.ts';
import { accessToken, authSession, code, flow, grantedFlow, grantSession, NOW, refreshToken, storedClient, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const NOTHING: JanitorSelection = { tokens: false, requests: false, grants: false, jtis: false };
const ALL: JanitorSelection = { tokens: true, requests: true, grants: true, jtis: true };
const ZERO: JanitorCounts = { codes: 0, accessTokens: 0, refreshTokens: 0, flows: 0, jtis: 0, authSessions: 0 };

/** Tables the janitor reads; emptied before each test so its counts are this test's alone. */
const TABLES = [
  'oauth2_authorization_codes', 'oauth2_access_tokens', 'oauth2_refresh_tokens', 'oauth2_revoked_grants', 'oauth2_flows',
  'oauth2_authentication_sessions', 'oauth2_jtis',
];

forEachDatabase('janitor', ({ db, storage }) => {
  let clientId = '';
  beforeEach(async () => {
    for (const table of TABLES) await db().execute(`DELETE FROM ${table}`);
    const client = storedClient();
    await storage().clients.createClient(client);
    clientId = client.client.client_id;
  });

  const run = (before: number, what: Partial<JanitorSelection> = ALL, more: Partial<JanitorOptions> = {}) =>
    storage().janitor.deleteExpired({ before, limit: 10_000, batchSize: 100, what: { ...NOTHING, ...what }, ...more });
  const session = (overrides: Partial<GrantSession> = {}) => grantSession(clientId, overrides);
  const count = async (table: string): Promise<number> =>
    Number((await db().query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);

  test('tokens: expired codes, access and refresh tokens go; refresh tokens of grants revoked before `before` go', async () => {
    const before = NOW + 1_000_000;
    const t = storage().tokens;
    const live = session();
    const expiredCode = code(live, { expiresAt: before - 1 });
    const liveCode = code(live, { expiresAt: before });
    const expiredAt = accessToken(live, { expiresAt: before - 1 });
    const liveAt = accessToken(live, { expiresAt: before + 1 });
    const expiredRt = refreshToken(live, expiredAt.signature, { expiresAt: before - 1 });
    const usedUnexpiredRt = refreshToken(live, liveAt.signature, { expiresAt: before + 1, usedAt: NOW });
    const usedForeverRt = refreshToken(live, liveAt.signature, { expiresAt: null, usedAt: NOW });
    const liveRt = refreshToken(live, liveAt.signature, { expiresAt: before + 1 });
    const revokedEarly = session();
    const revokedEarlyRt = refreshToken(revokedEarly, uid('at'), { expiresAt: null });
    const revokedEarlyAt = accessToken(revokedEarly, { expiresAt: before + 1 });
    const revokedLate = session();
    const revokedLateRt = refreshToken(revokedLate, uid('at'), { expiresAt: null });
    for (const c of [expiredCode, liveCode]) await t.createAuthorizationCode(c);
    for (const at of [expiredAt, liveAt, revokedEarlyAt]) await t.createAccessToken(at);
    for (const rt of [expiredRt, usedUnexpiredRt, usedForeverRt, liveRt, revokedEarlyRt, revokedLateRt]) await t.createRefreshToken(rt);
    await t.revokeGrant(revokedEarly.grantId, before - 1);
    await t.revokeGrant(revokedLate.grantId, before);
    const pending = flow(clientId, { expiresAt: before - 1 });
    await storage().flows.createFlow(pending);
    await storage().jtis.consumeJti(clientId, uid('jti'), NOW);

    assert.deepEqual(await run(before, { tokens: true }), { ...ZERO, codes: 1, accessTokens: 1, refreshTokens: 2 });

    assert.equal(await count('oauth2_authorization_codes'), 1);
    assert.equal((await t.consumeAuthorizationCode(liveCode.signature, NOW)).status, 'consumed');
    assert.equal(await t.getAccessToken(expiredAt.signature), undefined);
    assert.ok(await t.getAccessToken(liveAt.signature));
    assert.ok(await t.getAccessToken(revokedEarlyAt.signature), 'a revoked access token stays until it expires');
    for (const gone of [expiredRt, revokedEarlyRt]) assert.equal(await t.getRefreshToken(gone.signature), undefined);
    for (const kept of [usedUnexpiredRt, usedForeverRt, liveRt, revokedLateRt]) assert.ok(await t.getRefreshToken(kept.signature), kept.signature);
    assert.ok(await storage().flows.getFlow(pending.id), 'requests were not selected');
    assert.equal(await count('oauth2_jtis'), 1, 'jtis were not selected');
    assert.equal(await count('oauth2_revoked_grants'), 2, 'revoked-grant markers are never deleted');
    assert.deepEqual(await run(before, { tokens: true }), ZERO, 'a second run finds nothing');
  });

  test('after the janitor, a rotated but unexpired refresh token is still detected as reused, and its family is revoked', async () => {
    const t = storage().tokens;
    const family = session();
    const first = refreshToken(family, uid('at'), { expiresAt: NOW + 2_000_000 });
    await t.createRefreshToken(first);
    assert.equal((await t.consumeRefreshToken(first.signature, NOW, 0)).status, 'consumed');
    const rotatedAt = accessToken(family, { expiresAt: NOW + 900_000 });
    const second = refreshToken(family, rotatedAt.signature, { expiresAt: NOW + 3_000_000 });
    await t.createAccessToken(rotatedAt);
    await t.createRefreshToken(second);

    const counts = await run(NOW + 1_000_000, ALL);
    assert.equal(counts.refreshTokens, 0, 'the used token has not expired and its grant is live');
    assert.equal(counts.accessTokens, 1, 'the expired access token goes');

    const replay = await t.consumeRefreshToken(first.signature, NOW + 1_000_001, 0);
    assert.equal(replay.status, 'already_used', 'the replay is recognised, not taken for an unknown token');
    assert.ok(replay.status === 'already_used');
    await t.revokeGrant(replay.record.session.grantId, NOW + 1_000_001); // what the refresh grant does on reuse
    assert.equal((await t.getRefreshToken(second.signature))?.revokedAt, NOW + 1_000_001, 'the live successor is revoked');
    assert.equal((await t.consumeRefreshToken(second.signature, NOW + 1_000_002, 0)).status, 'already_used');

    assert.equal((await run(NOW + 1_000_002, ALL)).refreshTokens, 2, 'once the family is revoked, its refresh tokens may go');
  });

  test('requests: unfinished flows past expiry, authentication sessions expired or revoked before `before`', async () => {
    const before = NOW + 5_000_000;
    const f = storage().flows;
    const expiredPending = flow(clientId, { expiresAt: before - 1 });
    const expiredRejected = { ...flow(clientId, { expiresAt: before - 1 }), state: 'consent_rejected' as const };
    const livePending = flow(clientId, { expiresAt: before });
    const expiredGranted = grantedFlow(clientId, uid('subject'), { rememberFor: 0 });
    for (const x of [expiredPending, expiredRejected, livePending, expiredGranted]) await f.createFlow(x);
    const s = storage().authSessions;
    const expired = authSession('alice', { expiresAt: before - 1 });
    const revokedEarly = authSession('alice', { expiresAt: before + 1 });
    const revokedLate = authSession('alice', { expiresAt: before + 1 });
    const live = authSession('alice', { expiresAt: before + 1 });
    for (const x of [expired, revokedEarly, revokedLate, live]) await s.createAuthenticationSession(x);
    await s.revokeAuthenticationSession(revokedEarly.id, before - 1);
    await s.revokeAuthenticationSession(revokedLate.id, before);

    assert.deepEqual(await run(before, { requests: true }), { ...ZERO, flows: 2, authSessions: 2 });
    for (const gone of [expiredPending, expiredRejected]) assert.equal(await f.getFlow(gone.id), undefined);
    for (const kept of [livePending, expiredGranted]) assert.ok(await f.getFlow(kept.id));
    for (const gone of [expired, revokedEarly]) assert.equal(await s.getAuthenticationSession(gone.id), undefined);
    for (const kept of [revokedLate, live]) assert.ok(await s.getAuthenticationSession(kept.id));
  });

  test('grants: revoked or no longer remembered consent sessions go once past expiry and without tokens', async () => {
    const before = NOW + 4_000_000; // flows expire at NOW + 3_600_000
    const f = storage().flows;
    const subject = uid('subject');
    const granted = (consent: Parameters<typeof grantedFlow>[2], overrides: Partial<Flow> = {}): Flow =>
      ({ ...grantedFlow(clientId, subject, consent), ...overrides });
    const revoked = granted({ rememberFor: 0 }, { revokedAt: before - 1 });
    const revokedLate = granted({ rememberFor: 0 }, { revokedAt: before });
    const revokedWithToken = granted({ rememberFor: 0 }, { revokedAt: before - 1 });
    const notRemembered = granted({ remember: false });
    const windowClosed = granted({ rememberFor: 60 }); // closed at NOW + 60 s
    const windowOpen = granted({ rememberFor: 5000 }); // open until NOW + 5000 s
    const forever = granted({ rememberFor: 0 });
    const revokedNotExpired = granted({ rememberFor: 0 }, { revokedAt: before - 1, expiresAt: before });
    const all = [revoked, revokedLate, revokedWithToken, notRemembered, windowClosed, windowOpen, forever, revokedNotExpired];
    for (const x of all) await f.createFlow(x);
    const holder = session({ flowId: revokedWithToken.id });
    await storage().tokens.createRefreshToken(refreshToken(holder, uid('at'), { expiresAt: null }));
    const pending = flow(clientId, { expiresAt: before - 1 });
    await f.createFlow(pending);

    assert.deepEqual(await run(before, { grants: true }), { ...ZERO, flows: 3 });
    for (const gone of [revoked, notRemembered, windowClosed]) assert.equal(await f.getFlow(gone.id), undefined);
    for (const kept of [revokedLate, revokedWithToken, windowOpen, forever, revokedNotExpired, pending]) {
      assert.ok(await f.getFlow(kept.id), `${kept.id} stays`);
    }
    assert.deepEqual((await f.findRememberedConsent(subject, clientId, before)).map((x) => x.id).sort(), [windowOpen.id, forever.id].sort());
  });

  test('grants wait for their tokens: with tokens selected too, one run clears a revoked consent and its tokens', async () => {
    const before = NOW + 4_000_000;
    const f = grantedFlow(clientId, uid('subject'), { rememberFor: 0 });
    await storage().flows.createFlow(f);
    const s = session({ flowId: f.id });
    const at = accessToken(s, { expiresAt: NOW + 900_000 });
    await storage().tokens.createAuthorizationCode(code(s));
    await storage().tokens.createAccessToken(at);
    await storage().tokens.createRefreshToken(refreshToken(s, at.signature, { expiresAt: null }));
    await storage().flows.revokeConsentSessions(f.login!.subject, clientId, NOW + 1);
    await storage().tokens.revokeFlows([f.id], NOW + 1);

    assert.deepEqual(await run(before, { grants: true }), ZERO, 'its tokens are still there');
    assert.deepEqual(await run(before, ALL), { ...ZERO, codes: 1, accessTokens: 1, refreshTokens: 1, flows: 1 });
    assert.equal(await storage().flows.getFlow(f.id), undefined);
  });

  test('jtis go only a replay margin past their expiry', async () => {
    const before = NOW + 10 * 60_000;
    const old = uid('jti');
    const recent = uid('jti');
    await storage().jtis.consumeJti(clientId, old, before - JTI_REPLAY_MARGIN_MS - 1);
    await storage().jtis.consumeJti(clientId, recent, before - 1);
    assert.deepEqual(await run(before, { jtis: true }), { ...ZERO, jtis: 1 });
    assert.equal(await storage().jtis.consumeJti(clientId, recent, before), false, 'the recent jti is still refused');
    assert.equal(await count('oauth2_jtis'), 1);
  });

  test('limit caps each kind; batchSize caps each DELETE statement', async () => {
    const changes: Array<{ sql: string; changed: number }> = [];
    const recording: Db = {
      ...db(),
      dialect: db().dialect,
      async execute(sql, params) {
        const changed = await db().execute(sql, params);
        if (sql.startsWith('DELETE FROM oauth2_access_tokens')) changes.push({ sql, changed });
        return changed;
      },
    };
    const janitor = createOAuth2Storage(recording).janitor;
    const expiredSession = session();
    for (let i = 0; i < 25; i++) {
      await storage().tokens.createAccessToken(accessToken(expiredSession, { expiresAt: NOW }));
      if (i < 12) await storage().tokens.createAuthorizationCode(code(expiredSession, { expiresAt: NOW }));
    }
    const tokens = { ...NOTHING, tokens: true };

    assert.deepEqual(await janitor.deleteExpired({ before: NOW + 1, limit: 10, batchSize: 3, what: tokens }), { ...ZERO, codes: 10, accessTokens: 10 });
    assert.deepEqual(changes.map((c) => c.changed), [3, 3, 3, 1]);
    changes.length = 0;
    assert.deepEqual(await janitor.deleteExpired({ before: NOW + 1, limit: 100, batchSize: 7, what: tokens }), { ...ZERO, codes: 2, accessTokens: 15 });
    assert.deepEqual(changes.map((c) => c.changed), [7, 7, 1]);
    assert.equal(await count('oauth2_access_tokens'), 0);
  });

  test('nothing selected deletes nothing; bad options are refused', async () => {
    await storage().tokens.createAccessToken(accessToken(session(), { expiresAt: NOW }));
    assert.deepEqual(await run(NOW + 1, NOTHING), ZERO);
    assert.equal(await count('oauth2_access_tokens'), 1);
    assert.deepEqual(await run(NOW + 1, ALL, { limit: 0 }), ZERO);
    await assert.rejects(run(NOW + 1, ALL, { batchSize: 0 }), RangeError);
    await assert.rejects(run(Number.NaN, ALL), RangeError);
    await assert.rejects(run(NOW, ALL, { limit: -1 }), RangeError);
  });
});
