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
