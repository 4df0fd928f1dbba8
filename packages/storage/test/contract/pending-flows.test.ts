/**
 * FlowStore.listPendingFlows: login and consent requests waiting for a UI, newest first, keyset
 * paged. Each test works in its own band of time: flows of earlier bands have expired by then and
 * later bands lie beyond its `before`, so the tests share a database without seeing each other.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Flow } from '@olympus/oauth2';
import { flow, grantedFlow, loginResult, NOW, storedClient, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

const HOUR = 3_600_000;
const BAND = 1_000 * HOUR;

forEachDatabase('pending flows', ({ storage }) => {
  const newClient = async (): Promise<string> => {
    const client = storedClient();
    await storage().clients.createClient(client);
    return client.client.client_id;
  };
  const save = async (...flows: Flow[]) => {
    for (const f of flows) await storage().flows.createFlow(f);
  };
  /** A flow of band `band`, `offset` ms into it, alive for an hour. */
  const at = (band: number, offset: number, clientId: string, overrides: Partial<Flow> = {}): Flow =>
    flow(clientId, { requestedAt: NOW + band * BAND + offset, expiresAt: NOW + band * BAND + offset + HOUR, ...overrides });
  const consentPending = (band: number, offset: number, clientId: string): Flow =>
    at(band, offset, clientId, { state: 'consent_pending', loginVerifier: uid('lv'), login: loginResult({ subject: 'ada' }), consentChallenge: uid('cc') });
  const list = (band: number, nowOffset: number, extra: { kind?: 'login' | 'consent'; limit?: number; before?: { requestedAt: number; id: string } } = {}) =>
    storage().flows.listPendingFlows({
      now: NOW + band * BAND + nowOffset,
      limit: extra.limit ?? 50,
      kind: extra.kind,
      before: extra.before ?? { requestedAt: NOW + (band + 1) * BAND, id: '' },
    });
  const ids = (flows: Flow[]) => flows.map((f) => f.id);

  test('login_pending and consent_pending flows, newest first; handled ones are not pending', async () => {
    const clientId = await newClient();
    const oldLogin = at(1, 1, clientId);
    const consent = consentPending(1, 2, clientId);
    const newLogin = at(1, 3, clientId);
    const accepted = at(1, 4, clientId, { state: 'login_accepted', login: loginResult(), loginVerifier: uid('lv') });
    const rejected = at(1, 5, clientId, { state: 'login_rejected', loginVerifier: uid('lv') });
    const used = { ...grantedFlow(clientId, 'ada'), requestedAt: NOW + BAND + 6, expiresAt: NOW + BAND + 6 + HOUR };
    await save(oldLogin, consent, newLogin, accepted, rejected, used);

    const found = await list(1, 10);
    assert.deepEqual(ids(found), [newLogin.id, consent.id, oldLogin.id]);
    assert.deepEqual(found[1], consent, 'the whole flow is read back');
    assert.deepEqual(ids(await list(1, 10, { kind: 'login' })), [newLogin.id, oldLogin.id]);
    assert.deepEqual(ids(await list(1, 10, { kind: 'consent' })), [consent.id]);
  });

  test('an expired request is not pending, from the moment it expires', async () => {
    const clientId = await newClient();
    const early = at(2, 0, clientId, { expiresAt: NOW + 2 * BAND + 100 });
    const late = consentPending(2, 50, clientId);
    await save(early, late);
    assert.deepEqual(ids(await list(2, 99)), [late.id, early.id]);
    assert.deepEqual(ids(await list(2, 100)), [late.id], 'expiresAt equal to now is expired');
    assert.deepEqual(ids(await list(2, 50 + HOUR)), []);
  });

  test('pages by (requestedAt, id) without gaps or repeats, ties broken by id', async () => {
    const clientId = await newClient();
    const flows = [at(3, 1, clientId), at(3, 2, clientId), at(3, 2, clientId), consentPending(3, 2, clientId), at(3, 3, clientId)];
    await save(...flows);
    const expected = [...flows].sort((a, b) => b.requestedAt - a.requestedAt || (a.id < b.id ? 1 : -1)).map((f) => f.id);

    const seen: string[] = [];
    let before: { requestedAt: number; id: string } | undefined;
    for (let page = 0; page < 5 && seen.length < flows.length; page++) {
      const found = await list(3, 10, { limit: 2, before });
      assert.ok(found.length <= 2);
      seen.push(...ids(found));
      const last = found[found.length - 1]!;
      before = { requestedAt: last.requestedAt, id: last.id };
    }
    assert.deepEqual(seen, expected);
    assert.deepEqual(await list(3, 10, { limit: 2, before }), [], 'nothing after the last page');
  });
});
