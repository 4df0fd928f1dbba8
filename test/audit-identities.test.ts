/**
 * The audit log of identities, their sessions and admin recovery codes changed through the admin
 * API, on both databases: one event per change with actor, action, target and diff, and neither a
 * password, its hash, a session token nor a recovery code in the answer or the table
 * (docs/security.md AS-46).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { PASSWORD, freshEmail, selfService } from './support/self-service.ts';
import { LOCAL, admin, assertNoSecret, auditLog, auditTable, changes, eventsOf, onlyEvent } from './support/audit.ts';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`audit log of identities, sessions and recovery codes (${kind})`, () => {
    let olympus: TestServer;
    const flows = selfService(() => olympus.publicUrl);
    before(async () => (olympus = await startTestServer(kind)));
    after(() => olympus?.close());

    const newIdentity = async (email = freshEmail()) => {
      const created = await admin(olympus, 'POST', '/admin/identities', {
        schema_id: 'default', traits: { email }, credentials: { password: { config: { password: PASSWORD } } },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return { email, id: created.body.id as string };
    };

    test('AS-46: create, update, disable, enable, delete a credential and delete: one event each, state changes named; no password or hash', async () => {
      const { email, id } = await newIdentity();
      const traits = { email, name: { first: 'Ada' } };
      assert.equal((await admin(olympus, 'PATCH', `/admin/identities/${id}`, [{ op: 'add', path: '/traits/name', value: { first: 'Ada' } }])).status, 200);
      assert.equal((await admin(olympus, 'PUT', `/admin/identities/${id}`, { schema_id: 'default', traits, state: 'inactive' })).status, 200);
      assert.equal((await admin(olympus, 'PATCH', `/admin/identities/${id}`, [{ op: 'replace', path: '/state', value: 'active' }])).status, 200);
      const newPassword = 'another perfectly long passphrase 8';
      assert.equal((await admin(olympus, 'PUT', `/admin/identities/${id}`, {
        schema_id: 'default', traits, state: 'active', credentials: { password: { config: { password: newPassword } } },
      })).status, 200);
      assert.equal((await admin(olympus, 'DELETE', `/admin/identities/${id}/credentials/password`)).status, 204);
      assert.equal((await admin(olympus, 'DELETE', `/admin/identities/${id}`)).status, 204);

      const events = await eventsOf(olympus, id);
      assert.deepEqual(events.map((e) => e.action), [
        'identity.delete', 'identity.credential.delete', 'identity.update', 'identity.enable', 'identity.disable', 'identity.update', 'identity.create',
      ]);
      for (const e of events) assert.deepEqual([e.actor, e.target.type, e.target.id], [LOCAL, 'identity', id]);
      const [del, credential, password, enable, disable, patch, create] = events;
      assert.equal(create.target.label, email);
      assert.deepEqual(changes(create)['/traits/email'], [undefined, email]);
      assert.deepEqual(changes(create)['/state'], [undefined, 'active']);
      assert.deepEqual(changes(patch)['/traits/name/first'], [undefined, 'Ada']);
      assert.deepEqual(changes(disable)['/state'], ['active', 'inactive']);
      assert.deepEqual(changes(enable)['/state'], ['inactive', 'active']);
      assert.ok(Object.keys(changes(password)).some((path) => path.startsWith('/credentials/password/')), 'a new password shows as a changed credential');
      assert.deepEqual(credential.details, { type: 'password' });
      assert.deepEqual(changes(credential)['/credentials/password/type'], ['password', undefined]);
      assert.deepEqual(changes(del)['/traits/email'], [email, undefined]);

      const table = await auditTable(olympus);
      assertNoSecret([PASSWORD, newPassword], JSON.stringify(events), table);
      for (const text of [JSON.stringify(events), table]) assert.doesNotMatch(text, /\$argon2id\$/, 'no password hash');
    });

    test('identity sessions revoked and extended: the state that changed; all sessions of an identity: how many were active', async () => {
      const { email, id } = await newIdentity();
      const first = await flows.loginNatively(email);
      const second = await flows.loginNatively(email);
      const [one, two] = [first.session.id, second.session.id];

      const extended = await admin(olympus, 'PATCH', `/admin/sessions/${one}/extend`);
      assert.equal(extended.status, 200);
      assert.equal((await admin(olympus, 'DELETE', `/admin/sessions/${two}`)).status, 204);
      const extend = await onlyEvent(olympus, one, 'session.extend');
      assert.deepEqual(extend.target, { type: 'session', id: one, label: id });
      assert.ok(extend.diff.every((c: { path: string; after: unknown }) => c.path === '/expires_at' && c.after === extended.body.expires_at), JSON.stringify(extend.diff));
      const revoke = await onlyEvent(olympus, two, 'session.revoke');
      assert.deepEqual(changes(revoke), { '/active': [true, false] });

      await flows.loginNatively(email);
      assert.equal((await admin(olympus, 'DELETE', `/admin/identities/${id}/sessions`)).status, 204);
      const all = await onlyEvent(olympus, id, 'identity.sessions.revoke');
      assert.deepEqual(changes(all), { '/active_sessions': [2, 0] });
      assertNoSecret([first.session_token!, second.session_token!], (await auditLog(olympus, { action: 'session' })).raw, await auditTable(olympus));
    });

    test('AS-46: an admin recovery code is a sensitive read: recorded with its expiry, never with the code or the link', async () => {
      const { id } = await newIdentity();
      const answer = await admin(olympus, 'POST', '/admin/recovery/code', { identity_id: id, expires_in: '1h' });
      assert.equal(answer.status, 201);
      const event = await onlyEvent(olympus, id, 'recovery.code.create');
      assert.deepEqual(event.details, { expires_at: answer.body.expires_at, flow_type: 'browser' });
      assert.deepEqual(event.diff, []);
      const flowId = new URL(answer.body.recovery_link).searchParams.get('flow')!;
      assertNoSecret([answer.body.recovery_code, answer.body.recovery_link, flowId], JSON.stringify(event), await auditTable(olympus));
      assert.deepEqual(event.target, { type: 'identity', id });
    });
  });
}
