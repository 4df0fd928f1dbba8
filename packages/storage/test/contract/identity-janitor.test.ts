/** The identity part of the janitor (src/identity/janitor.ts), on both databases. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, test } from 'node:test';
import type { IdentityJanitorCounts, IdentityJanitorOptions, IdentityJanitorSelection, OneTimeCode, SelfServiceFlow, Session } from '@olympus/identity';
import { sqlIdentityJanitorStore, type Db } from '@olympus/storage';
import { sqlOneTimeCodeStore } from '../../src/identity/codes.ts';
import { sqlSelfServiceFlowStore } from '../../src/identity/flows.ts';
import { sqlSessionStore } from '../../src/identity/sessions.ts';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const NOTHING: IdentityJanitorSelection = { flows: false, codes: false, sessions: false, courier: false };
const ALL: IdentityJanitorSelection = { flows: true, codes: true, sessions: true, courier: true };
const ZERO: IdentityJanitorCounts = { selfServiceFlows: 0, sessions: 0, oneTimeCodes: 0, codeSubmissions: 0, courierMessages: 0 };
const BEFORE = NOW + 1_000_000;

const TABLES = ['courier_message_dispatches', 'courier_messages', 'identity_code_submissions', 'identity_codes', 'identity_sessions', 'selfservice_flows'];

const iso = (ms: number): string => new Date(ms).toISOString();

const session = (overrides: { issuedAt?: number; expiresAt?: number } = {}): Session => {
  const issued = overrides.issuedAt ?? NOW;
  return {
    id: randomUUID(), active: true, expires_at: iso(overrides.expiresAt ?? BEFORE + 1), authenticated_at: iso(issued), issued_at: iso(issued),
    authenticator_assurance_level: 'aal1', authentication_methods: [{ method: 'password', aal: 'aal1', completed_at: iso(issued) }],
    identity_id: uid('identity'), devices: [],
  };
};

const flow = (expiresAt: number): SelfServiceFlow => ({
  id: randomUUID(), kind: 'recovery', type: 'browser', expiresAt, issuedAt: NOW,
  requestUrl: 'http://127.0.0.1/self-service/recovery/browser', returnTo: '', state: 'choose_method',
  ui: { action: 'http://127.0.0.1/self-service/recovery?flow=x', method: 'POST', nodes: [] },
  refresh: false, requestedAal: 'aal1', active: '', oauth2LoginChallenge: '', identityId: '',
  internal: { csrfToken: 'csrf', attempts: 0 },
});

const code = (flowId: string, overrides: Partial<OneTimeCode> = {}): OneTimeCode => ({
  id: randomUUID(), flowId, kind: 'recovery', identityId: uid('identity'), address: 'ada@example.com',
  codeHash: uid('hash'), expiresAt: BEFORE + 1, createdAt: NOW, usedAt: null, ...overrides,
});

forEachDatabase('identity janitor', ({ db }) => {
  beforeEach(async () => {
    for (const table of TABLES) await db().execute(`DELETE FROM ${table}`);
  });

  const run = (what: Partial<IdentityJanitorSelection>, more: Partial<IdentityJanitorOptions> = {}) =>
    sqlIdentityJanitorStore(db()).deleteExpired({ before: BEFORE, limit: 10_000, batchSize: 100, what: { ...NOTHING, ...what }, ...more });
  const count = async (table: string): Promise<number> =>
    Number((await db().query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
  const message = async (status: string, updatedAt: number): Promise<string> => {
    const id = randomUUID();
    await db().execute(
      `INSERT INTO courier_messages (id, status, type, recipient, subject, body, template_type, send_count, due_at, created_at, updated_at)
       VALUES (?, ?, 'email', 'ada@example.com', 'Recover', 'body', 'recovery_code_valid', 1, ?, ?, ?)`,
      [id, status, NOW, NOW, updatedAt],
    );
    await db().execute('INSERT INTO courier_message_dispatches (id, message_id, status, error, created_at) VALUES (?, ?, ?, NULL, ?)', [
      randomUUID(), id, status === 'sent' ? 'success' : 'failed', NOW,
    ]);
    return id;
  };

  test('flows: those expired before `before` go; an unexpired one stays', async () => {
    const flows = sqlSelfServiceFlowStore(db());
    const expired = flow(BEFORE - 1);
    const live = flow(BEFORE);
    for (const f of [expired, live]) await flows.createFlow(f);
    assert.deepEqual(await run({ sessions: true, codes: true }), ZERO, 'flows were not selected');
    assert.equal(await count('selfservice_flows'), 2);
    assert.deepEqual(await run({ flows: true }), { ...ZERO, selfServiceFlows: 1 });
    assert.equal(await flows.getFlow(expired.id), undefined);
    assert.ok(await flows.getFlow(live.id));
  });

  test('sessions: expired, or inactive and issued before `before`, go; live and recently issued inactive ones stay', async () => {
    const sessions = sqlSessionStore(db());
    const expired = session({ expiresAt: BEFORE - 1 });
    const revoked = session({ issuedAt: BEFORE - 1 });
    const revokedFresh = session({ issuedAt: BEFORE });
    const live = session({ issuedAt: BEFORE - 1, expiresAt: BEFORE });
    for (const s of [expired, revoked, revokedFresh, live]) await sessions.createSession(s, uid('hash'));
    for (const s of [revoked, revokedFresh]) await sessions.revokeSession(s.id, NOW);

    assert.deepEqual(await run({ flows: true, codes: true, courier: true }), ZERO, 'sessions were not selected');
    assert.deepEqual(await run({ sessions: true }), { ...ZERO, sessions: 2 });
    for (const gone of [expired, revoked]) assert.equal(await sessions.getSession(gone.id), undefined);
    assert.equal((await sessions.getSession(revokedFresh.id))?.active, false);
    assert.equal((await sessions.getSession(live.id))?.active, true, 'a live session is never deleted');
    assert.deepEqual(await run(ALL), ZERO, 'a second run finds nothing');
  });

  test('codes: expired or used before `before` go, unused live ones stay; counters go only with their flow', async () => {
    const codes = sqlOneTimeCodeStore(db());
    const flows = sqlSelfServiceFlowStore(db());
    const ended = flow(BEFORE - 1);
    const live = flow(BEFORE + 1);
    for (const f of [ended, live]) await flows.createFlow(f);
    const expired = code(live.id, { expiresAt: BEFORE - 1 });
    const used = code(live.id, { usedAt: BEFORE - 1 });
    const usedLate = code(live.id, { usedAt: BEFORE });
    const unused = code(live.id);
    for (const c of [expired, used, usedLate, unused]) await codes.createCode(c);
    await codes.countSubmission(ended.id, NOW);
    await codes.countSubmission(live.id, NOW);
    await codes.countSubmission(uid('deleted-flow'), NOW);
    await codes.countSubmission(uid('deleted-flow'), BEFORE);

    assert.deepEqual(await run({ codes: true }), { ...ZERO, oneTimeCodes: 2, codeSubmissions: 2 }, 'counters of the expired flow and of a gone one');
    assert.deepEqual((await codes.liveCodesOfFlow(live.id, NOW)).map((c) => c.id), [unused.id], 'an unused code is never deleted');
    assert.equal(await count('identity_codes'), 2);
    assert.deepEqual(await run({ flows: true, codes: true }), { ...ZERO, selfServiceFlows: 1 });
    assert.equal(await count('identity_code_submissions'), 2, 'the live flow keeps its count, and so does one raised at `before`');
    assert.equal(await codes.countSubmission(live.id, NOW + 1), 2, 'guesses at a live flow are still counted from where they were');
  });

  test('courier: only with its flag, only sent or abandoned messages updated before `before`, with their dispatches', async () => {
    const sent = await message('sent', BEFORE - 1);
    const abandoned = await message('abandoned', BEFORE - 1);
    const sentLate = await message('sent', BEFORE);
    const queued = await message('queued', BEFORE - 1);
    const processing = await message('processing', BEFORE - 1);
    assert.deepEqual(await run({ flows: true, codes: true, sessions: true }), ZERO, 'kept unless asked for');
    assert.deepEqual(await run({ courier: true }), { ...ZERO, courierMessages: 2 });
    const left = await db().query<{ id: string }>('SELECT id FROM courier_messages');
    assert.deepEqual(left.map((r) => r.id).sort(), [sentLate, queued, processing].sort());
    const dispatches = await db().query<{ message_id: string }>('SELECT message_id FROM courier_message_dispatches');
    assert.ok(dispatches.every((d) => d.message_id !== sent && d.message_id !== abandoned));
    assert.equal(dispatches.length, 3);
  });

  test('limit caps each kind; batchSize caps each DELETE statement', async () => {
    const changes: number[] = [];
    const recording: Db = {
      ...db(),
      dialect: db().dialect,
      async execute(sql, params) {
        const changed = await db().execute(sql, params);
        if (sql.startsWith('DELETE FROM identity_sessions')) changes.push(changed);
        return changed;
      },
    };
    const sessions = sqlSessionStore(db());
    for (let i = 0; i < 25; i++) await sessions.createSession(session({ expiresAt: NOW }), uid('hash'));
    for (let i = 0; i < 4; i++) await sqlSelfServiceFlowStore(db()).createFlow(flow(NOW));
    const janitor = sqlIdentityJanitorStore(recording);
    const opts = { before: BEFORE, what: ALL };
    assert.deepEqual(await janitor.deleteExpired({ ...opts, limit: 10, batchSize: 3 }), { ...ZERO, selfServiceFlows: 4, sessions: 10 });
    assert.deepEqual(changes, [3, 3, 3, 1]);
    changes.length = 0;
    assert.deepEqual(await janitor.deleteExpired({ ...opts, limit: 100, batchSize: 7 }), { ...ZERO, sessions: 15 });
    assert.deepEqual(changes, [7, 7, 1]);
    assert.equal(await count('identity_sessions'), 0);
  });

  test('nothing selected or a limit of 0 deletes nothing; bad options are refused', async () => {
    await sqlSessionStore(db()).createSession(session({ expiresAt: NOW }), uid('hash'));
    assert.deepEqual(await run(NOTHING), ZERO);
    assert.deepEqual(await run(ALL, { limit: 0 }), ZERO);
    assert.equal(await count('identity_sessions'), 1);
    await assert.rejects(run(ALL, { batchSize: 0 }), RangeError);
    await assert.rejects(run(ALL, { before: Number.NaN }), RangeError);
    await assert.rejects(run(ALL, { limit: -1 }), RangeError);
  });
});
