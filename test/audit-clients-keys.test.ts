/**
 * The audit log of OAuth2 clients, keys and OAuth2 sessions changed through the admin API, on both
 * databases: one event per change with actor, action, target and diff, and no secret in the answer
 * or the table (docs/security.md AS-46).
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { LOCAL, admin, assertNoSecret, auditLog, auditTable, changes, eventsOf, onlyEvent } from './support/audit.ts';

const REDACTED = '[redacted]';
const CLIENT = { client_name: 'Ledger', redirect_uris: ['https://ledger.example/cb'], scope: 'openid', token_endpoint_auth_method: 'client_secret_basic' };

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`audit log of clients, keys and OAuth2 sessions (${kind})`, () => {
    let olympus: TestServer;
    before(async () => (olympus = await startTestServer(kind)));
    after(() => olympus?.close());

    test('AS-46: each client change is one event by the local caller, newest first, naming the fields it changed; no client secret is stored or answered', async () => {
      const created = await admin(olympus, 'POST', '/admin/clients', CLIENT);
      assert.equal(created.status, 201);
      const id = created.body.client_id as string;
      const patched = await admin(olympus, 'PATCH', `/admin/clients/${id}`, [{ op: 'replace', path: '/client_name', value: 'Ledger 2' }]);
      const chosenSecret = 'a-secret-the-caller-chose-0123456789';
      const replaced = await admin(olympus, 'PUT', `/admin/clients/${id}`, { ...CLIENT, client_name: 'Ledger 2', client_secret: chosenSecret });
      const rotated = await admin(olympus, 'POST', `/admin/clients/${id}/secrets/rotate`, { rotated_secrets_ttl: '1h' });
      const retired = await admin(olympus, 'DELETE', `/admin/clients/${id}/secrets/rotate`);
      const deleted = await admin(olympus, 'DELETE', `/admin/clients/${id}`);
      assert.deepEqual([patched, replaced, rotated, retired, deleted].map((a) => a.status), [200, 200, 200, 204, 204]);

      const events = await eventsOf(olympus, id);
      assert.deepEqual(events.map((e) => e.action), ['client.delete', 'client.secret.retire', 'client.secret.rotate', 'client.update', 'client.update', 'client.create']);
      assert.deepEqual(events.map((e) => e.request_id), [deleted, retired, rotated, replaced, patched, created].map((a) => a.requestId));
      for (const e of events) {
        assert.deepEqual(e.actor, LOCAL);
        assert.equal(e.target.type, 'client');
        assert.equal(e.outcome, 'success');
        assert.ok(Date.parse(e.time) > Date.now() - 60_000);
      }
      const [del, retire, rotate, put, patch, create] = events;
      assert.equal(create.target.label, 'Ledger');
      assert.deepEqual(changes(create)['/client_secret'], [undefined, REDACTED], 'the secret shown once is recorded as issued');
      assert.deepEqual(changes(create)['/client_name'], [undefined, 'Ledger']);
      assert.deepEqual(changes(patch)['/client_name'], ['Ledger', 'Ledger 2']);
      assert.deepEqual(Object.keys(changes(patch)).sort(), ['/client_name', '/updated_at']);
      assert.deepEqual(changes(put)['/client_secret'], [undefined, REDACTED]);
      assert.deepEqual(changes(rotate)['/client_secret'], [undefined, REDACTED]);
      assert.deepEqual((changes(rotate)['/rotated'] as [unknown[], unknown[]])[0], []);
      assert.equal((changes(rotate)['/rotated'] as [unknown[], Array<{ expires_at: string }>])[1].length, 1);
      assert.deepEqual((changes(retire)['/rotated'] as [unknown[], unknown[]])[1], [], 'the rotated secret is no longer accepted');
      assert.deepEqual(changes(del)['/client_name'], ['Ledger 2', undefined], 'a deletion keeps what was deleted');

      const secrets = [created.body.client_secret, chosenSecret, rotated.body.client_secret];
      assertNoSecret(secrets, JSON.stringify(events), await auditTable(olympus));
    });

    test('a refused change records nothing', async () => {
      const before = (await auditLog(olympus)).events.length;
      assert.equal((await admin(olympus, 'POST', '/admin/clients', { redirect_uris: ['https://x.example/cb#frag'] })).status, 400);
      assert.equal((await admin(olympus, 'PATCH', '/admin/clients/nobody', [{ op: 'replace', path: '/client_name', value: 'x' }])).status, 404);
      assert.equal((await admin(olympus, 'DELETE', '/admin/keys/no-such-set')).status, 404);
      assert.equal((await auditLog(olympus)).events.length, before);
    });

    test('AS-46: keys created, imported and deleted are events; their private members never reach the log', async () => {
      const set = `audit-${kind}`;
      const hmac = await admin(olympus, 'POST', `/admin/keys/${set}`, { alg: 'HS256', use: 'sig', kid: 'hmac-1' });
      assert.equal(hmac.status, 201);
      const symmetric = hmac.body.keys[0].k as string;
      const privateJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
      const imported = await admin(olympus, 'PUT', `/admin/keys/${set}/ec-1`, { ...privateJwk, kid: 'ec-1', alg: 'ES256', use: 'sig' });
      assert.equal(imported.status, 200);
      assert.equal((await admin(olympus, 'DELETE', `/admin/keys/${set}/ec-1`)).status, 204);
      assert.equal((await admin(olympus, 'DELETE', `/admin/keys/${set}`)).status, 204);

      const create = await onlyEvent(olympus, `${set}/hmac-1`, 'key.create');
      assert.deepEqual(create.target, { type: 'key', id: `${set}/hmac-1`, label: set });
      assert.deepEqual(changes(create)['/k'], [undefined, REDACTED]);
      assert.deepEqual(changes(create)['/alg'], [undefined, 'HS256']);
      const imports = await onlyEvent(olympus, `${set}/ec-1`, 'key.import');
      assert.deepEqual(changes(imports)['/x'], [undefined, privateJwk.x], 'public members are kept');
      const removal = await onlyEvent(olympus, `${set}/ec-1`, 'key.delete');
      assert.deepEqual(changes(removal)['/kid'], ['ec-1', undefined]);
      const setRemoval = await onlyEvent(olympus, set, 'key.delete');
      assert.deepEqual(setRemoval.target, { type: 'key_set', id: set });
      assertNoSecret([symmetric, String(privateJwk.d)], (await auditLog(olympus, { action: 'key' })).raw, await auditTable(olympus));
    });

    test('consent and login sessions revoked, and a client’s tokens revoked, are events with the query as details', async () => {
      const subject = `subject-${kind}`;
      assert.equal((await admin(olympus, 'DELETE', `/admin/oauth2/auth/sessions/consent?subject=${subject}&all=true`)).status, 204);
      assert.equal((await admin(olympus, 'DELETE', `/admin/oauth2/auth/sessions/login?subject=${subject}`)).status, 204);
      const consent = await onlyEvent(olympus, subject, 'consent.revoke');
      assert.deepEqual([consent.target, consent.details, consent.diff], [{ type: 'subject', id: subject }, { all: 'true' }, []]);
      const login = await onlyEvent(olympus, subject, 'login_session.revoke');
      assert.deepEqual([login.target, login.details], [{ type: 'subject', id: subject }, { subject }]);

      const client = await admin(olympus, 'POST', '/admin/clients', CLIENT);
      assert.equal((await admin(olympus, 'DELETE', `/admin/oauth2/tokens?client_id=${client.body.client_id}`)).status, 204);
      const tokens = await onlyEvent(olympus, client.body.client_id, 'client.tokens.revoke');
      assert.deepEqual(tokens.target, { type: 'client', id: client.body.client_id });
    });
  });
}
