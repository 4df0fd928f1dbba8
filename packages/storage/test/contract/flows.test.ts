import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Flow } from '@olympus/oauth2';
import { flow, grantedFlow, loginResult, NOW, storedClient, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

forEachDatabase('flows', ({ storage }) => {
  const newClient = async (): Promise<string> => {
    const client = storedClient();
    await storage().clients.createClient(client);
    return client.client.client_id;
  };
  const save = async (...flows: Flow[]) => {
    for (const f of flows) await storage().flows.createFlow(f);
  };

  test('a flow is found by id and by each challenge and verifier', async () => {
    const f = grantedFlow(await newClient(), 'alice');
    await save(f);
    const flows = storage().flows;
    assert.deepEqual(await flows.getFlow(f.id), f);
    assert.deepEqual(await flows.getFlowByLoginChallenge(f.loginChallenge), f);
    assert.deepEqual(await flows.getFlowByLoginVerifier(f.loginVerifier!), f);
    assert.deepEqual(await flows.getFlowByConsentChallenge(f.consentChallenge!), f);
    assert.deepEqual(await flows.getFlowByConsentVerifier(f.consentVerifier!), f);
    assert.equal(await flows.getFlow(uid('nope')), undefined);
    assert.equal(await flows.getFlowByLoginChallenge(uid('nope')), undefined);
  });

  test('challenges and verifiers are unique', async () => {
    const clientId = await newClient();
    const f = grantedFlow(clientId, 'alice');
    await save(f);
    await assert.rejects(storage().flows.createFlow(flow(clientId, { loginChallenge: f.loginChallenge })));
    await assert.rejects(storage().flows.createFlow({ ...grantedFlow(clientId, 'bob'), consentVerifier: f.consentVerifier }));
  });

  test('updateFlow is a compare-and-set on state', async () => {
    const f = flow(await newClient());
    await save(f);
    const accepted: Flow = { ...f, state: 'login_accepted', login: loginResult(), loginVerifier: uid('lv') };
    assert.equal(await storage().flows.updateFlow(accepted, 'consent_pending'), false, 'wrong expected state');
    assert.deepEqual(await storage().flows.getFlow(f.id), f);
    assert.equal(await storage().flows.updateFlow(accepted, 'login_pending'), true);
    assert.deepEqual(await storage().flows.getFlow(f.id), accepted);
    assert.deepEqual(await storage().flows.getFlowByLoginVerifier(accepted.loginVerifier!), accepted);
    assert.equal(await storage().flows.updateFlow(accepted, 'login_pending'), false, 'the same transition twice');
  });

  test('20 racing updateFlow calls from the same state: exactly one wins', async () => {
    const f = flow(await newClient());
    await save(f);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        storage().flows.updateFlow({ ...f, state: 'login_accepted', login: loginResult({ subject: `user-${i}` }) }, 'login_pending'),
      ),
    );
    assert.equal(results.filter(Boolean).length, 1);
    const winner = results.indexOf(true);
    assert.equal((await storage().flows.getFlow(f.id))?.login?.subject, `user-${winner}`);
  });

  test('findRememberedConsent: remembered, unrevoked, open window, same subject and client, newest first', async () => {
    const clientId = await newClient();
    const otherClient = await newClient();
    const subject = uid('subject');
    const now = NOW + 10_000_000;
    const older = grantedFlow(clientId, subject, { handledAt: NOW, rememberFor: 0 }); // forever
    const newer = grantedFlow(clientId, subject, { handledAt: NOW + 500, rememberFor: 10_000_000 / 1000 + 1 });
    const closed = grantedFlow(clientId, subject, { handledAt: NOW + 900, rememberFor: 60 }); // ended at NOW+60_900
    const notRemembered = grantedFlow(clientId, subject, { handledAt: NOW + 1000, remember: false });
    const revoked = { ...grantedFlow(clientId, subject, { handledAt: NOW + 1100 }), revokedAt: NOW + 1200 };
    const otherSubject = grantedFlow(clientId, uid('subject'), { rememberFor: 0 });
    const wrongClient = grantedFlow(otherClient, subject, { rememberFor: 0 });
    const stillPending = { ...grantedFlow(clientId, subject, { rememberFor: 0 }), state: 'consent_accepted' as const };
    await save(older, newer, closed, notRemembered, revoked, otherSubject, wrongClient, stillPending);

    const found = await storage().flows.findRememberedConsent(subject, clientId, now);
    assert.deepEqual(found.map((f) => f.id), [newer.id, older.id]);
    assert.deepEqual(found[0], newer);

    const later = await storage().flows.findRememberedConsent(subject, clientId, NOW + 500 + 10_001_000);
    assert.deepEqual(later.map((f) => f.id), [older.id], 'the window closes at handledAt + rememberFor s');
  });

  test('listConsentSessions lists granted, unrevoked consents newest first, by login session', async () => {
    const clientId = await newClient();
    const subject = uid('subject');
    const sid = uid('sid');
    const a = grantedFlow(clientId, subject, { handledAt: NOW + 1, remember: false }, { sessionId: sid });
    const b = grantedFlow(clientId, subject, { handledAt: NOW + 2 }, { sessionId: sid });
    const c = grantedFlow(clientId, subject, { handledAt: NOW + 3 });
    const revoked = { ...grantedFlow(clientId, subject, { handledAt: NOW + 4 }), revokedAt: NOW };
    await save(a, b, c, revoked, flow(clientId));

    const ids = (list: Flow[]) => list.map((f) => f.id);
    assert.deepEqual(ids(await storage().flows.listConsentSessions(subject, { limit: 10 })), [c.id, b.id, a.id]);
    assert.deepEqual(await storage().flows.listConsentSessions(subject, { limit: 1 }), [c]);
    assert.deepEqual(ids(await storage().flows.listConsentSessions(subject, { loginSessionId: sid, limit: 10 })), [b.id, a.id]);
    assert.deepEqual(
      ids(await storage().flows.listConsentSessions(subject, { loginSessionId: sid, limit: 10, before: { handledAt: NOW + 2, id: b.id } })),
      [a.id],
    );
  });

  test('listConsentSessions pages by keyset (handledAt, id): ties on handledAt, no gaps or repeats, stable under inserts', async () => {
    const clientId = await newClient();
    const subject = uid('subject');
    // Seven sessions, three of them handled in the same millisecond: the id breaks the tie.
    const handled = [NOW + 10, NOW + 20, NOW + 20, NOW + 20, NOW + 30, NOW + 40, NOW + 50];
    const flows = handled.map((handledAt) => grantedFlow(clientId, subject, { handledAt }));
    await save(...flows);
    const expected = [...flows]
      .sort((x, y) => (y.consent!.handledAt - x.consent!.handledAt) || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0))
      .map((f) => f.id);

    const seen: string[] = [];
    let before: { handledAt: number; id: string } | undefined;
    for (let page = 0; page < 10; page++) {
      const rows = await storage().flows.listConsentSessions(subject, { limit: 3, before });
      seen.push(...rows.map((f) => f.id));
      if (page === 0) await save(grantedFlow(clientId, subject, { handledAt: NOW + 60 })); // newer: must not shift later pages
      if (rows.length < 3) break;
      const last = rows[rows.length - 1];
      before = { handledAt: last.consent!.handledAt, id: last.id };
    }
    assert.deepEqual(seen, expected);
  });

  test('revokeConsentSession revokes one consent session of the subject only', async () => {
    const clientId = await newClient();
    const subject = uid('subject');
    const a = grantedFlow(clientId, subject);
    const b = grantedFlow(clientId, subject);
    await save(a, b);
    assert.deepEqual(await storage().flows.revokeConsentSession(uid('subject'), a.id, NOW + 1), [], 'another subject cannot revoke it');
    assert.deepEqual(await storage().flows.revokeConsentSession(subject, a.id, NOW + 2), [a.id]);
    assert.deepEqual(await storage().flows.revokeConsentSession(subject, a.id, NOW + 3), [], 'already revoked');
    assert.equal((await storage().flows.getFlow(a.id))?.revokedAt, NOW + 2);
    assert.deepEqual((await storage().flows.listConsentSessions(subject, { limit: 10 })).map((f) => f.id), [b.id]);
  });

  test('revokeConsentSessions revokes per client or all, returns the ids, and hides them from lookups', async () => {
    const clientA = await newClient();
    const clientB = await newClient();
    const subject = uid('subject');
    const a = grantedFlow(clientA, subject);
    const b = grantedFlow(clientB, subject);
    const otherSubject = grantedFlow(clientA, uid('subject'));
    await save(a, b, otherSubject);

    assert.deepEqual(await storage().flows.revokeConsentSessions(subject, clientA, NOW + 5), [a.id]);
    assert.equal((await storage().flows.getFlow(a.id))?.revokedAt, NOW + 5);
    assert.deepEqual(await storage().flows.findRememberedConsent(subject, clientA, NOW), []);
    assert.deepEqual(await storage().flows.revokeConsentSessions(subject, undefined, NOW + 6), [b.id]);
    assert.deepEqual(await storage().flows.listConsentSessions(subject, { limit: 10 }), []);
    assert.equal((await storage().flows.getFlow(otherSubject.id))?.revokedAt, null);
  });

  test('a revocation survives a later updateFlow of a stale copy', async () => {
    const clientId = await newClient();
    const subject = uid('subject');
    const f = grantedFlow(clientId, subject);
    await save(f);
    await storage().flows.revokeConsentSessions(subject, clientId, NOW + 1);
    assert.equal(await storage().flows.updateFlow({ ...f, traceId: 'changed' }, 'consent_used'), true);
    assert.equal((await storage().flows.getFlow(f.id))?.revokedAt, NOW + 1);
  });

  test('deleting a client deletes its flows', async () => {
    const clientId = await newClient();
    const f = flow(clientId);
    await save(f);
    await storage().clients.deleteClient(clientId);
    assert.equal(await storage().flows.getFlow(f.id), undefined);
  });
});
