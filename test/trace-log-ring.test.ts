/**
 * The server's ring of log lines by trace id (apps/server/src/trace-log-ring.ts), which Athena's trace
 * page shows: fed by createLogger's logger after its redaction, only lines carrying a trace_id, oldest
 * first, and bounded — the oldest line goes when a new one comes to a full ring.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '@olympus/server';
import { traceLogsOf } from '../apps/server/src/logger.ts';
import { TRACE_LOG_CAPACITY, TraceLogRing } from '../apps/server/src/trace-log-ring.ts';

test('the logger keeps its lines that carry a trace_id, redacted, and writes every line to its destination as before', () => {
  const written: string[] = [];
  const logger = createLogger({ log: { level: 'info' } }, { write: (line: string) => void written.push(line) });
  logger.info({ trace_id: 'trace-1', client_id: 'app', password: 'hunter2-secret' }, 'login refused');
  logger.info({ client_id: 'app' }, 'a line of no trace');
  logger.child({ reqId: 'req-1' }).warn({ trace_id: 'trace-1', refresh_token: 'ory_rt_abc' }, 'refresh token reused');
  logger.debug({ trace_id: 'trace-1' }, 'below the level');
  logger.info({ trace_id: 'trace-2' }, 'another trace');
  assert.equal(written.length, 4, 'the destination gets every line at or above the level');

  const logs = traceLogsOf(logger);
  assert.ok(logs, 'a logger of createLogger has a ring');
  const lines = logs.forTrace('trace-1');
  assert.deepEqual(lines.map((l) => [l.level, l.msg]), [['info', 'login refused'], ['warn', 'refresh token reused']]);
  assert.deepEqual(lines[0]!.fields, { client_id: 'app', password: '[redacted]' });
  assert.equal(lines[1]!.fields.refresh_token, '[redacted]');
  assert.equal(lines[1]!.fields.reqId, 'req-1');
  assert.match(lines[0]!.time, /^\d{4}-\d\d-\d\dT/);
  assert.ok(!JSON.stringify(lines).includes('hunter2-secret'));
  assert.equal(logs.forTrace('no-such-trace').length, 0);
});

test('a full ring drops its oldest line; the server\'s ring holds 5 000', () => {
  assert.equal(TRACE_LOG_CAPACITY, 5000);
  const ring = new TraceLogRing(3);
  for (const n of [1, 2, 3, 4, 5]) ring.write(`${JSON.stringify({ level: 30, time: 't', msg: `line ${n}`, trace_id: 'x' })}\n`);
  ring.write('{"msg":"not json');
  ring.write(`${JSON.stringify({ level: 30, msg: 'a "trace_id" in the text only' })}\n`);
  assert.deepEqual(ring.forTrace('x').map((l) => l.msg), ['line 3', 'line 4', 'line 5']);
});
