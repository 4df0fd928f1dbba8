import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { SelfServiceFlow, Session } from '@olympus/identity';
import { sqlSelfServiceFlowStore } from '../../src/identity/flows.ts';
import { sqlSessionStore } from '../../src/identity/sessions.ts';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

let clock = NOW;
const session = (identityId: string, overrides: Partial<Session> = {}): Session => {
  clock += 1000;
  return {
    id: randomUUID(), active: true, expires_at: iso(clock + 86_400_000), authenticated_at: iso(clock), issued_at: iso(clock),
    authenticator_assurance_level: 'aal1',
    authentication_methods: [{ method: 'password', aal: 'aal1', completed_at: iso(clock) }],
    identity_id: identityId,
    devices: [{ id: randomUUID(), ip_address: '127.0.0.1', user_agent: 'test/1.0', location: '' }],
    ...overrides,
  };
};

const flow = (overrides: Partial<SelfServiceFlow> = {}): SelfServiceFlow => ({
  id: randomUUID(), kind: 'login', type: 'browser', expiresAt: NOW + 3_600_000, issuedAt: NOW,
  requestUrl: 'http://127.0.0.1/self-service/login/browser', returnTo: '', state: 'choose_method',
  ui: { action: 'http://127.0.0.1/self-service/login?flow=x', method: 'POST', nodes: [] },
  refresh: false, requestedAal: 'aal1', active: '', oauth2LoginChallenge: '', identityId: '',
  internal: { csrfToken: 'csrf', attempts: 0 },
  ...overrides,
});

forEachDatabase('identity sessions', ({ db }) => {
  const store = () => sqlSessionStore(db());

  test('create, then find by token hash and by id; unknown hashes and ids find nothing', async () => {
    const s = session(uid('identity'));
    const hash = uid('hash');
    await store().createSession(s, hash);
    assert.deepEqual(await store().getSessionByTokenHash(hash), s);
    assert.deepEqual(await store().getSession(s.id), s);
    assert.equal(await store().getSessionByTokenHash(uid('hash')), undefined);
    assert.equal(await store().getSession(randomUUID()), undefined);
  });

  test('a token hash is unique', async () => {
    const hash = uid('hash');
    await store().createSession(session(uid('identity')), hash);
    await assert.rejects(store().createSession(session(uid('identity')), hash));
  });

  test('update extends a session but never reactivates a revoked one', async () => {
    const s = session(uid('identity'));
    await store().createSession(s, uid('hash'));
    const extended = { ...s, expires_at: iso(NOW + 999_999_999) };
    await store().updateSession(extended);
    assert.deepEqual(await store().getSession(s.id), extended);
    assert.equal(await store().revokeSession(s.id, NOW), true);
    await store().updateSession(extended);
    assert.equal((await store().getSession(s.id))?.active, false, 'a stale write does not undo the revocation');
    assert.equal(await store().revokeSession(randomUUID(), NOW), false);
  });

  test('list the sessions of an identity, newest first, optionally only the active ones', async () => {
    const identity = uid('identity');
    const [a, b, c] = [session(identity), session(identity), session(identity)];
    for (const s of [a, b, c, session(uid('identity'))]) await store().createSession(s, uid('hash'));
    await store().revokeSession(b.id, NOW);
    const all = await store().listSessionsOfIdentity(identity, { activeOnly: false, limit: 10 });
    assert.deepEqual(all.map((s) => s.id), [c.id, b.id, a.id]);
    const active = await store().listSessionsOfIdentity(identity, { activeOnly: true, limit: 10 });
    assert.deepEqual(active.map((s) => s.id), [c.id, a.id]);
    assert.equal((await store().listSessionsOfIdentity(identity, { activeOnly: false, limit: 1 })).length, 1);
  });

  test('revoking the sessions of an identity spares the excepted one and counts the rest', async () => {
    const identity = uid('identity');
    const [a, b, c] = [session(identity), session(identity), session(identity)];
    const other = session(uid('identity'));
    for (const s of [a, b, c, other]) await store().createSession(s, uid('hash'));
    assert.equal(await store().revokeSessionsOfIdentity(identity, a.id, NOW), 2);
    assert.equal((await store().getSession(a.id))?.active, true);
    assert.equal((await store().getSession(b.id))?.active, false);
    assert.equal((await store().getSession(other.id))?.active, true);
    assert.equal(await store().revokeSessionsOfIdentity(identity, undefined, NOW), 1);
    assert.equal((await store().getSession(a.id))?.active, false);
  });

  test('the admin list pages by (issued_at, id) and filters by activity', async () => {
    const identity = uid('identity');
    const mine = [session(identity), session(identity), session(identity)];
    for (const s of mine) await store().createSession(s, uid('hash'));
    await store().revokeSession(mine[1].id, NOW);
    const start = { issuedAt: Date.parse(mine[0].issued_at) - 1, id: '' };
    const first = await store().listSessions({ limit: 2, after: start });
    assert.deepEqual(first.map((s) => s.id), [mine[0].id, mine[1].id]);
    const last = first.at(-1)!;
    const next = await store().listSessions({ limit: 2, after: { issuedAt: Date.parse(last.issued_at), id: last.id } });
    assert.equal(next[0].id, mine[2].id);
    const inactive = await store().listSessions({ limit: 100, active: false });
    assert.ok(inactive.some((s) => s.id === mine[1].id) && inactive.every((s) => !s.active));
    const active = await store().listSessions({ limit: 100, active: true, after: start });
    assert.deepEqual(active.filter((s) => s.identity_id === identity).map((s) => s.id), [mine[0].id, mine[2].id]);
  });
});

forEachDatabase('self-service flows', ({ db }) => {
  const store = () => sqlSelfServiceFlowStore(db());

  test('create, get and update a flow; unknown ids find nothing', async () => {
    const f = flow({ ui: { action: 'a', method: 'POST', nodes: [], messages: [{ id: 4000006, text: 'x', type: 'error' }] } });
    await store().createFlow(f);
    assert.deepEqual(await store().getFlow(f.id), f);
    const updated = { ...f, active: 'password', internal: { ...f.internal, attempts: 2, extra: { a: [1] } } };
    await store().updateFlow(updated);
    assert.deepEqual(await store().getFlow(f.id), updated);
    assert.equal(await store().getFlow(randomUUID()), undefined);
  });

  test('flow ids are unique', async () => {
    const f = flow();
    await store().createFlow(f);
    await assert.rejects(store().createFlow(flow({ id: f.id })));
  });
});

forEachDatabase('a login\'s session and the flow it completes', ({ db }) => {
  const sessions = () => sqlSessionStore(db());
  const flows = () => sqlSelfServiceFlowStore(db());

  test('createSessionCompletingFlow stores the session and the flow as the login left it', async () => {
    const f = flow();
    await flows().createFlow(f);
    const s = session(uid('identity'));
    const hash = uid('hash');
    const done: SelfServiceFlow = { ...f, state: 'passed_challenge', active: 'password', internal: { ...f.internal, updatedAt: NOW } };
    await sessions().createSessionCompletingFlow(s, hash, done);
    assert.deepEqual(await sessions().getSessionByTokenHash(hash), s);
    assert.deepEqual(await flows().getFlow(f.id), done);
  });

  test('a session that cannot be stored leaves the flow as it was', async () => {
    const f = flow();
    await flows().createFlow(f);
    const hash = uid('hash');
    await sessions().createSession(session(uid('identity')), hash);
    const done: SelfServiceFlow = { ...f, state: 'passed_challenge', active: 'password' };
    await assert.rejects(sessions().createSessionCompletingFlow(session(uid('identity')), hash, done));
    assert.deepEqual(await flows().getFlow(f.id), f);
  });
});
