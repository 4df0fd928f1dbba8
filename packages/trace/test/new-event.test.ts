import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REDACTED, TRACE_SCHEMA_VERSION, TRACE_STOPS, newTraceEvent } from '../src/index.ts';

test('a note becomes a versioned event: id and time stamped, empty ids left out, evidence redacted', () => {
  const event = newTraceEvent({ traceId: 't-1', stop: 'authorize', outcome: 'refused', startedAt: 1_700_000_000_000, durationMs: 2.4, errorCode: 'invalid_request', clientId: '', evidence: { password: 'p', scopes: ['openid'] } }, 5);
  assert.equal(event.schemaVersion, TRACE_SCHEMA_VERSION);
  assert.match(event.id, /^[0-9a-f-]{36}$/);
  assert.equal(event.time, new Date(1_700_000_000_000).toISOString());
  assert.equal(event.durationMs, 2);
  assert.equal(event.errorCode, 'invalid_request');
  assert.ok(!('clientId' in event));
  assert.deepEqual(event.evidence, { password: REDACTED, scopes: ['openid'] });
});

test('the stop taxonomy: seed 000\'s eight stops numbered 1 to 8, then token exchange, refresh, userinfo, logout, whoami', () => {
  const numbered = Object.entries(TRACE_STOPS).sort(([, a], [, b]) => a.number - b.number).map(([name, { number }]) => `${number} ${name}`);
  assert.deepEqual(numbered, [
    '1 authorize', '2 login_request', '3 login_flow_created', '4 login_submitted', '5 login_accepted', '6 consent_shown', '7 consent_decided', '8 code_issued',
    '9 token_exchange', '10 refresh', '11 userinfo', '12 logout', '13 whoami',
  ]);
});
