import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authSession, NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

forEachDatabase('authentication sessions', ({ storage }) => {
  test('create, get, update', async () => {
    const s = authSession(uid('subject'));
    const sessions = storage().authSessions;
    await sessions.createAuthenticationSession(s);
    assert.deepEqual(await sessions.getAuthenticationSession(s.id), s);
    const updated = { ...s, expiresAt: s.expiresAt + 1000, remember: false };
    await sessions.updateAuthenticationSession(updated);
    assert.deepEqual(await sessions.getAuthenticationSession(s.id), updated);
    assert.equal(await sessions.getAuthenticationSession(uid('nope')), undefined);
  });

  test('updating a session the janitor deleted meanwhile writes it back', async () => {
    const s = authSession(uid('subject'));
    await storage().authSessions.updateAuthenticationSession(s);
    assert.deepEqual(await storage().authSessions.getAuthenticationSession(s.id), s);
  });

  test('revoking one session returns it; revoking again keeps the first time; unknown is undefined', async () => {
    const s = authSession(uid('subject'));
    await storage().authSessions.createAuthenticationSession(s);
    assert.deepEqual(await storage().authSessions.revokeAuthenticationSession(s.id, NOW + 1), { ...s, revokedAt: NOW + 1 });
    assert.equal((await storage().authSessions.revokeAuthenticationSession(s.id, NOW + 2))?.revokedAt, NOW + 1);
    assert.equal(await storage().authSessions.revokeAuthenticationSession(uid('nope'), NOW), undefined);
    await storage().authSessions.updateAuthenticationSession({ ...s, revokedAt: null });
    assert.equal((await storage().authSessions.getAuthenticationSession(s.id))?.revokedAt, NOW + 1, 'a stale write does not un-revoke');
  });

  test('revoking a subject returns only its sessions that were still active', async () => {
    const subject = uid('subject');
    const [a, b, c] = [authSession(subject), authSession(subject), authSession(subject)];
    const other = authSession(uid('subject'));
    for (const s of [a, b, c, other]) await storage().authSessions.createAuthenticationSession(s);
    await storage().authSessions.revokeAuthenticationSession(c.id, NOW);
    const revoked = await storage().authSessions.revokeAuthenticationSessionsOfSubject(subject, NOW + 9);
    assert.deepEqual(revoked.map((s) => s.id).sort(), [a.id, b.id].sort());
    assert.ok(revoked.every((s) => s.revokedAt === NOW + 9));
    assert.equal((await storage().authSessions.getAuthenticationSession(other.id))?.revokedAt, null);
  });
});
