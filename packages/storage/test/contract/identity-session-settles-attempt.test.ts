/**
 * A login's last write settles its attempt (SessionStore.createSessionCompletingFlow with a
 * SucceededAttempt): the reservation ends and the failures are cleared with the session's insert,
 * as ProtectionStore.settle(…, 'success') would; a write that fails leaves the attempt unsettled,
 * so the login guard settles it once, itself.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { AttemptReservation, SelfServiceFlow, Session } from '@olympus/identity';
import { sqlSelfServiceFlowStore } from '../../src/identity/flows.ts';
import { sqlProtectionStore } from '../../src/identity/protection.ts';
import { sqlSessionStore } from '../../src/identity/sessions.ts';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

const session = (): Session => ({
  id: randomUUID(), active: true, expires_at: iso(NOW + 86_400_000), authenticated_at: iso(NOW), issued_at: iso(NOW),
  authenticator_assurance_level: 'aal1', authentication_methods: [{ method: 'password', aal: 'aal1', completed_at: iso(NOW) }],
  identity_id: uid('identity'), devices: [{ id: randomUUID(), ip_address: '127.0.0.1', user_agent: 'test/1.0', location: '' }],
});

const flow = (): SelfServiceFlow => ({
  id: randomUUID(), kind: 'login', type: 'api', expiresAt: NOW + 3_600_000, issuedAt: NOW,
  requestUrl: 'http://127.0.0.1/self-service/login/api', returnTo: '', state: 'choose_method',
  ui: { action: 'http://127.0.0.1/self-service/login?flow=x', method: 'POST', nodes: [] },
  refresh: false, requestedAal: 'aal1', active: '', oauth2LoginChallenge: '', identityId: '',
  internal: { csrfToken: 'csrf', attempts: 0 },
});

const attemptOn = (key: string): AttemptReservation => ({ key, limit: 5, windowMs: 60_000, holdMs: 30_000, token: randomUUID() });

forEachDatabase('a login\'s session settles its attempt', ({ db }) => {
  const protection = () => sqlProtectionStore(db());
  const sessions = () => sqlSessionStore(db());
  const flows = () => sqlSelfServiceFlowStore(db());

  /** Two failures on the key, then a granted attempt: what a third, right, password meets. */
  const grantedAfterTwoFailures = async (key: string) => {
    for (let i = 0; i < 2; i++) {
      const failed = attemptOn(key);
      const { reservation } = await protection().reserve(failed, [], NOW);
      await protection().settle(failed, reservation.generation, 'failure', NOW);
    }
    const attempt = attemptOn(key);
    const { reservation } = await protection().reserve(attempt, [], NOW);
    assert.deepEqual([reservation.granted, reservation.failures, reservation.inFlight], [true, 2, 1]);
    return { attempt, generation: reservation.generation };
  };
  /** Where the key stands, seen by a new attempt (which takes a reservation of its own). */
  const standing = async (key: string) => {
    const { reservation } = await protection().reserve(attemptOn(key), [], NOW + 1);
    return { failures: reservation.failures, inFlightBefore: reservation.inFlight - 1 };
  };

  test('the session, the flow and the success are written together: the reservation ends, the failures are cleared', async () => {
    const key = uid('login:identifier');
    const succeeded = await grantedAfterTwoFailures(key);
    const f = flow();
    await flows().createFlow(f);
    const s = session();
    const hash = uid('hash');
    const done: SelfServiceFlow = { ...f, state: 'passed_challenge', active: 'password' };
    await sessions().createSessionCompletingFlow(s, hash, done, succeeded);
    assert.deepEqual(await sessions().getSessionByTokenHash(hash), s);
    assert.deepEqual(await flows().getFlow(f.id), done);
    assert.deepEqual(await standing(key), { failures: 0, inFlightBefore: 0 });
  });

  test('a session that cannot be stored leaves the attempt unsettled', async () => {
    const key = uid('login:identifier');
    const succeeded = await grantedAfterTwoFailures(key);
    const f = flow();
    await flows().createFlow(f);
    const hash = uid('hash');
    await sessions().createSession(session(), hash);
    await assert.rejects(sessions().createSessionCompletingFlow(session(), hash, { ...f, state: 'passed_challenge' }, succeeded));
    assert.deepEqual(await flows().getFlow(f.id), f);
    assert.deepEqual(await standing(key), { failures: 2, inFlightBefore: 1 });
  });
});
