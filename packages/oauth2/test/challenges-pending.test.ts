/** listPendingRequests (challenges/pending.ts): typed items, newest first, paged, on the SQL stores. */
import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequest } from '../src/errors.ts';
import { listPendingRequests } from '../src/challenges/pending.ts';
import type { Flow } from '../src/flows/flow.ts';
import { makeHarness, type Harness } from './tokens-fakes.ts';
import { T0 } from './test-config.ts';
import { flow, loginResult, uid } from '../../storage/test/contract/fixtures.ts';

const HOUR = 3_600_000;
let h: Harness;

beforeEach(async () => {
  h = await makeHarness();
});

const pendingLogin = (clientId: string, offset: number, overrides: Partial<Flow> = {}): Flow =>
  flow(clientId, { requestedAt: T0 + offset, expiresAt: T0 + offset + HOUR, request: { ...flow(clientId).request, scope: ['openid', 'email'] }, ...overrides });

const pendingConsent = (clientId: string, offset: number, subject: string): Flow =>
  pendingLogin(clientId, offset, { state: 'consent_pending', loginVerifier: uid('lv'), login: loginResult({ subject }), consentChallenge: uid('cc') });

describe('listPendingRequests', () => {
  test('login and consent requests as typed items, newest first, with client name and subject', async () => {
    const app = await h.clients.add({ client_id: 'app', client_name: 'The App', redirect_uris: ['https://app.example/cb'] });
    const fresh = pendingLogin(app.client_id, 3);
    const skipped = pendingLogin(app.client_id, 2, { loginSkip: true, skipSubject: 'bob' });
    const consent = pendingConsent(app.client_id, 1, 'ada');
    for (const f of [fresh, skipped, consent]) await h.ctx.storage.flows.createFlow(f);
    h.clock.now = T0 + 10;

    const { requests, next } = await listPendingRequests(h.ctx, { pageSize: 10 });
    assert.equal(next, undefined);
    assert.deepEqual(requests[0], {
      kind: 'login', challenge: fresh.loginChallenge, clientId: 'app', clientName: 'The App', subject: undefined,
      requestedScope: ['openid', 'email'], requestedAt: T0 + 3, expiresAt: T0 + 3 + HOUR, traceId: fresh.traceId,
    });
    assert.equal(requests[1]!.subject, 'bob', 'a login that may be skipped names the remembered user');
    assert.deepEqual([requests[2]!.kind, requests[2]!.challenge, requests[2]!.subject], ['consent', consent.consentChallenge, 'ada']);
    assert.deepEqual((await listPendingRequests(h.ctx, { pageSize: 10, kind: 'consent' })).requests.map((r) => r.challenge), [consent.consentChallenge]);
  });

  test('pages with a cursor; expired requests are left out', async () => {
    const app = await h.clients.add({ client_id: 'app', redirect_uris: ['https://app.example/cb'] });
    const flows = [1, 2, 3, 4, 5].map((offset) => pendingLogin(app.client_id, offset));
    const expired = pendingLogin(app.client_id, 0, { expiresAt: T0 + 5 });
    for (const f of [...flows, expired]) await h.ctx.storage.flows.createFlow(f);
    h.clock.now = T0 + 5;

    const first = await listPendingRequests(h.ctx, { pageSize: 3 });
    assert.deepEqual(first.requests.map((r) => r.requestedAt), [T0 + 5, T0 + 4, T0 + 3]);
    assert.deepEqual(first.next, { requestedAt: T0 + 3, id: flows[2]!.id });
    const second = await listPendingRequests(h.ctx, { pageSize: 3, before: first.next });
    assert.deepEqual(second.requests.map((r) => r.requestedAt), [T0 + 2, T0 + 1]);
    assert.equal(second.next, undefined);
  });

  test('the page size is a whole number from 1 to 500', async () => {
    for (const pageSize of [0, 501, 1.5, Number.NaN]) {
      await assert.rejects(listPendingRequests(h.ctx, { pageSize }), (err: unknown) => err instanceof InvalidRequest && /from 1 to 500/.test(err.description));
    }
  });
});
