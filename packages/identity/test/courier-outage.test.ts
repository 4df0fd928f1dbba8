/**
 * The courier worker during a database outage (docs/operations/faults.md): each failed poll is one warn
 * line naming the reason, without a stack trace; any other failure is still an error with the error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startCourierWorker, type CourierStore } from '@olympus/identity';
import type { Logger } from '@olympus/oauth2';

class StorageUnavailable extends Error {
  override readonly name = 'StorageUnavailable';
  readonly reason = 'unreachable';
}

const recordingLog = () => {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message });
  return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger };
};

const failingStore = (err: Error): CourierStore => new Proxy({}, { get: () => async () => { throw err; } }) as CourierStore;

const firstPoll = async (err: Error) => {
  const { lines, log } = recordingLog();
  const worker = startCourierWorker(
    { config: { courier: { smtp: { connectionUri: 'smtp://127.0.0.1:9' } } } as never, storage: { courier: failingStore(err) }, log, now: () => Date.now() },
    { intervalMs: 10_000, transport: { send: async () => {}, close: () => {} } },
  );
  for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  await worker.stop();
  return lines;
};

test('a poll during a database outage logs one warn line with the reason and no stack', async () => {
  const lines = await firstPoll(new StorageUnavailable('The database is not reachable.'));
  assert.equal(lines.length, 1);
  assert.equal(lines[0].level, 'warn');
  assert.equal(lines[0].fields.reason, 'unreachable');
  assert.equal(lines[0].fields.err, undefined, 'no error object, so no stack trace');
});

test('any other failed poll is still an error carrying the error', async () => {
  const lines = await firstPoll(new Error('a bug'));
  assert.equal(lines.length, 1);
  assert.equal(lines[0].level, 'error');
  assert.ok(lines[0].fields.err instanceof Error);
});
