/** The flow tracer's store (migrations 0010, 0011) on both databases: batches, a trace's chain, recent events, counts, retention. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { newTraceEvent, type TraceEvent, type TraceNote } from '@olympus/trace';
import { sqlTraceStore } from '../../src/trace-events.ts';
import { NOW, uid } from './fixtures.ts';
import { forEachDatabase } from './harness.ts';

let clock = NOW;
const event = (note: Partial<TraceNote> & Pick<TraceNote, 'traceId'>, at = (clock += 1000)): TraceEvent =>
  newTraceEvent({ stop: 'authorize', outcome: 'ok', evidence: {}, startedAt: at, ...note }, at);

forEachDatabase('trace events', ({ db }) => {
  const store = () => sqlTraceStore(db());
  const ids = async (query: Parameters<ReturnType<typeof store>['listRecent']>[0]) => (await store().listRecent(query)).map((e) => e.id);

  test('a batch is stored in one statement and a trace reads back in order, every field exact', async () => {
    const traceId = randomUUID();
    const at = (clock += 10_000);
    const chain = [
      event({ traceId, stop: 'authorize', clientId: 'app', flowId: 'f-1', challengeId: 'ch-1', requestId: 'req-1', durationMs: 3, evidence: { registered_redirect_uris: ['http://a/cb'], requested_scopes: ['openid'] } }, at),
      event({ traceId, stop: 'login_submitted', outcome: 'refused', errorCode: '4000006', errorId: 'e-1', identityId: 'i-1', evidence: { csrf: { cookie_present: true }, aal: null } }, at),
      event({ traceId, stop: 'code_issued', evidence: { nested: [1, 'née ✓'] } }, at + 1),
    ];
    await store().appendBatch(chain);
    assert.deepEqual(await store().listByTrace(traceId), chain);
    assert.deepEqual(await store().listByTrace(randomUUID()), []);
  });

  test('an empty batch is no statement; optional fields stay absent', async () => {
    await store().appendBatch([]);
    const e = event({ traceId: randomUUID() });
    await store().appendBatch([e]);
    const [read] = await store().listByTrace(e.traceId);
    assert.deepEqual(read, e);
    assert.ok(!('clientId' in read!) && !('errorCode' in read!));
  });

  test('a batch of 500 events is one insert on both dialects', async () => {
    const traceId = randomUUID();
    await store().appendBatch(Array.from({ length: 500 }, () => event({ traceId })));
    assert.equal((await store().listByTrace(traceId)).length, 500);
  });

  test('recent events: newest first, by client, identity, stop and outcome, since a time, limited', async () => {
    const clientId = uid('client');
    const identityId = uid('identity');
    const since = (clock += 10_000);
    const old = event({ traceId: randomUUID(), clientId }, since - 5000);
    const a = event({ traceId: randomUUID(), clientId, stop: 'login_submitted', outcome: 'refused', identityId });
    const b = event({ traceId: randomUUID(), clientId, stop: 'login_submitted', outcome: 'ok', identityId });
    const c = event({ traceId: randomUUID(), clientId, stop: 'code_issued' });
    await store().appendBatch([old, a, b, c]);
    assert.deepEqual(await ids({ clientId, limit: 10 }), [c.id, b.id, a.id, old.id]);
    assert.deepEqual(await ids({ clientId, since, limit: 10 }), [c.id, b.id, a.id]);
    assert.deepEqual(await ids({ identityId, limit: 10 }), [b.id, a.id]);
    assert.deepEqual(await ids({ clientId, stop: 'login_submitted', outcome: 'refused', limit: 10 }), [a.id]);
    assert.deepEqual(await ids({ clientId, limit: 2 }), [c.id, b.id]);
    const requestId = uid('request');
    const d = event({ traceId: randomUUID(), clientId, stop: 'token_exchange', requestId });
    await store().appendBatch([d]);
    assert.deepEqual(await ids({ requestId, limit: 10 }), [d.id]);
  });

  test('a challenge, a flow id and an error id find their events; an error id is linked once to the events of its request', async () => {
    const challengeId = uid('challenge');
    const flowId = uid('flow');
    const requestId = uid('request');
    const a = event({ traceId: randomUUID(), stop: 'login_request', challengeId, requestId });
    const b = event({ traceId: a.traceId, stop: 'login_flow_created', flowId });
    await store().appendBatch([a, b]);
    assert.deepEqual(await ids({ challengeId, limit: 10 }), [a.id]);
    assert.deepEqual(await ids({ flowId, limit: 10 }), [b.id]);
    assert.equal(await store().linkErrorId(requestId, 'err-1'), 1);
    assert.equal(await store().linkErrorId(requestId, 'err-2'), 0, 'an event keeps the first error id it was shown with');
    assert.deepEqual(await ids({ errorId: 'err-1', limit: 10 }), [a.id]);
    assert.deepEqual(await ids({ errorId: 'err-2', limit: 10 }), []);
  });

  test('counts of a stop and outcome since a time', async () => {
    const since = (clock += 100_000);
    const before = await store().count({ stop: 'login_submitted', outcome: 'refused', since });
    await store().appendBatch([
      event({ traceId: randomUUID(), stop: 'login_submitted', outcome: 'refused' }, since - 1),
      event({ traceId: randomUUID(), stop: 'login_submitted', outcome: 'refused' }, since),
      event({ traceId: randomUUID(), stop: 'login_submitted', outcome: 'refused' }, since + 5),
      event({ traceId: randomUUID(), stop: 'login_submitted', outcome: 'ok' }, since + 5),
    ]);
    assert.equal(await store().count({ stop: 'login_submitted', outcome: 'refused', since }), before + 2);
    assert.equal(await store().count({ stop: 'login_submitted', since }) >= 3, true);
  });

  test('filter values are bound, never spliced into SQL', async () => {
    const hostile = "x' OR '1'='1";
    assert.deepEqual(await store().listByTrace(hostile), []);
    assert.deepEqual(await store().listRecent({ clientId: hostile, identityId: hostile, limit: 10 }), []);
  });

  test('retention deletes only older events, up to the limit, in batches', async () => {
    const base = (clock += 1_000_000);
    const traceId = randomUUID();
    const old = [0, 1, 2, 3, 4].map((i) => event({ traceId }, base + i));
    const young = event({ traceId }, base + 100);
    await store().appendBatch([...old, young]);
    assert.ok((await store().deleteOlderThan(base, 100_000)) >= 0, 'events of earlier tests go first');
    assert.equal(await store().deleteOlderThan(base + 100, 3, 2), 3);
    assert.equal(await store().deleteOlderThan(base + 100, 10, 2), 2);
    assert.deepEqual((await store().listByTrace(traceId)).map((e) => e.id), [young.id]);
    assert.equal(await store().deleteOlderThan(base + 100, 0), 0);
  });
});
