/** The batching trace writer (apps/server/src/trace-recorder.ts): off the request path, one insert per batch, bounded, flushed on close. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TraceEvent, TraceStore } from '@olympus/trace';
import type { Logger, TraceReport } from '@olympus/oauth2';
import { startTraceRecorder } from '../apps/server/src/trace-recorder.ts';

const report = (n: number): TraceReport => ({ traceId: `t-${n}`, stop: 'token_exchange', outcome: 'ok', evidence: { n, password: 'hunter2' } });

const fakeStore = (delayMs = 0) => {
  const batches: TraceEvent[][] = [];
  const store: TraceStore = {
    appendBatch: async (events) => {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      batches.push([...events]);
    },
    listByTrace: async () => [], listRecent: async () => [], count: async () => 0, deleteOlderThan: async () => 0, linkErrorId: async () => 0,
  };
  return { store, batches };
};

const logs = () => {
  const lines: string[] = [];
  const fn = (a: unknown, b?: string) => void lines.push(typeof a === 'string' ? a : String(b));
  const log: Logger = { trace: fn, debug: fn, info: fn, warn: fn, error: fn, child: () => log };
  return { log, lines };
};

test('reports wait in memory and are stored together after the flush interval, redacted', async () => {
  const { store, batches } = fakeStore();
  const recorder = startTraceRecorder(store, logs().log, { flushEveryMs: 20 });
  for (let i = 0; i < 3; i++) recorder.record(report(i));
  assert.equal(batches.length, 0, 'nothing is written on the caller\'s turn');
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(batches.length, 1);
  assert.deepEqual(batches[0]!.map((e) => e.traceId), ['t-0', 't-1', 't-2']);
  assert.equal(batches[0]![0]!.evidence.password, '[redacted]');
  await recorder.close();
});

test('a full batch is written at once, in batches of at most batchSize', async () => {
  const { store, batches } = fakeStore();
  const recorder = startTraceRecorder(store, logs().log, { flushEveryMs: 60_000, batchSize: 4 });
  for (let i = 0; i < 10; i++) recorder.record(report(i));
  await recorder.close();
  assert.deepEqual(batches.map((b) => b.length), [4, 4, 2]);
});

test('a full queue drops reports with one warning line instead of growing', async () => {
  const { store, batches } = fakeStore(30);
  const { log, lines } = logs();
  const recorder = startTraceRecorder(store, log, { flushEveryMs: 60_000, batchSize: 1_000, maxQueued: 5 });
  for (let i = 0; i < 50; i++) recorder.record(report(i));
  assert.equal(lines.filter((l) => l.includes('trace queue full')).length, 1);
  await recorder.close();
  assert.equal(batches.flat().length, 5);
  recorder.record(report(99));
  await recorder.flush();
  assert.equal(batches.flat().length, 5, 'nothing is recorded after close');
});

test('a failing store loses its batch with a warning, and the recorder goes on', async () => {
  const { log, lines } = logs();
  let calls = 0;
  const store: TraceStore = { ...fakeStore().store, appendBatch: async () => { calls += 1; if (calls === 1) throw new Error('db down'); } };
  const recorder = startTraceRecorder(store, log, { flushEveryMs: 60_000 });
  recorder.record(report(1));
  await recorder.flush();
  recorder.record(report(2));
  await recorder.close();
  assert.equal(calls, 2);
  assert.ok(lines.some((l) => l.includes('could not be stored')));
});

const ofRequest = (requestId: string, n: number): TraceReport => ({ ...report(n), requestId });

test('an error id names the still-queued reports of its request, and no others', async () => {
  const { store, batches } = fakeStore();
  const linked: string[] = [];
  const recorder = startTraceRecorder({ ...store, linkErrorId: async (r, e) => { linked.push(`${r}:${e}`); return 0; } }, logs().log, { flushEveryMs: 60_000 });
  recorder.record(ofRequest('req-1', 1));
  recorder.record(ofRequest('req-2', 2));
  recorder.record(ofRequest('req-1', 3));
  recorder.link('req-1', 'err-1');
  await recorder.close();
  assert.deepEqual(batches.flat().map((e) => [e.traceId, e.errorId]), [['t-1', 'err-1'], ['t-2', undefined], ['t-3', 'err-1']]);
  assert.deepEqual(linked, [], 'a patched report needs no update of the store');
});

test('an error id of a request whose events were stored (or are being stored) updates the store after that write', async () => {
  const { store, batches } = fakeStore(30);
  const order: string[] = [];
  const recorder = startTraceRecorder({
    ...store,
    appendBatch: async (events) => { await store.appendBatch(events); order.push('append'); },
    linkErrorId: async (r, e) => { order.push(`link ${r} ${e}`); return 1; },
  }, logs().log, { flushEveryMs: 60_000 });
  recorder.record(ofRequest('req-1', 1));
  const writing = recorder.flush();
  await new Promise((r) => setTimeout(r, 5)); // the batch is now in the store's hands
  recorder.link('req-1', 'err-1');
  assert.deepEqual(order, [], 'linking is off the caller\'s turn');
  await writing;
  await recorder.close();
  assert.deepEqual(order, ['append', 'link req-1 err-1']);
  assert.equal(batches.flat()[0]!.errorId, undefined, 'the batch in flight was not changed under the store');
});

test('a failing link is a warning line, never an error of the request', async () => {
  const { store } = fakeStore();
  const { log, lines } = logs();
  const recorder = startTraceRecorder({ ...store, linkErrorId: async () => { throw new Error('db down'); } }, log, { flushEveryMs: 60_000 });
  assert.doesNotThrow(() => recorder.link('req-9', 'err-9'));
  await recorder.close();
  assert.ok(lines.some((l) => l.includes('could not be linked')));
});
