/**
 * recordAuditEvent, as the console calls it: an identity actor, states diffed and redacted, and a
 * store that fails logged at error level, never thrown (docs/operations/audit.md).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEvent, AuditStore } from '@olympus/audit';
import type { OAuth2Context } from '@olympus/oauth2';
import { recordAuditEvent } from '../src/index.ts';
import { apiKeyName } from '../src/audit/actor.ts';

const NOW = Date.UTC(2025, 5, 1, 10, 0, 0);
const ADMIN = { kind: 'identity', id: '6f1c0d3e-0000-4000-8000-000000000001', label: 'ada@example.com' } as const;

const depsWith = (append: AuditStore['append']) => {
  const lines: Array<[Record<string, unknown>, string]> = [];
  const log = { error: (obj: Record<string, unknown>, msg: string) => void lines.push([obj, msg]) };
  const ctx = { now: () => NOW, log } as unknown as OAuth2Context;
  const audit = { append, list: async () => ({ events: [] }), deleteOlderThan: async () => 0 } satisfies AuditStore;
  return { deps: { ctx, audit }, lines };
};

test('an event of the console is stored with its actor, the diff and the request id; secrets masked', async () => {
  const stored: AuditEvent[] = [];
  const { deps } = depsWith(async (event) => void stored.push(event));
  await recordAuditEvent(deps, {
    actor: ADMIN, action: 'client.update', target: { type: 'client', id: 'app', label: 'App' },
    before: { client_name: 'Old', client_secret: 'plain-1' }, after: { client_name: 'App', client_secret: 'plain-2' }, requestId: 'req-9',
  });
  assert.equal(stored.length, 1);
  const [event] = stored;
  assert.deepEqual([event!.actor, event!.time, event!.requestId, event!.outcome], [ADMIN, new Date(NOW).toISOString(), 'req-9', 'success']);
  assert.deepEqual(event!.diff, [
    { path: '/client_name', before: 'Old', after: 'App' },
    { path: '/client_secret', before: '[redacted]', after: '[redacted]' },
  ]);
});

test('a store that fails is logged at error level with what was lost, and the call resolves', async () => {
  const { deps, lines } = depsWith(async () => {
    throw new Error('disk full');
  });
  await recordAuditEvent(deps, { actor: ADMIN, action: 'identity.delete', target: { type: 'identity', id: 'i-1' } });
  assert.equal(lines.length, 1);
  const [fields, message] = lines[0]!;
  assert.equal(message, 'the audit event of a change that succeeded could not be recorded');
  assert.deepEqual([fields.audit_action, fields.target_id, fields.actor_id], ['identity.delete', 'i-1', ADMIN.id]);
});

test('without a store nothing is read or recorded', async () => {
  const ctx = {} as OAuth2Context;
  await recordAuditEvent({ ctx }, { actor: ADMIN, action: 'client.delete', target: { type: 'client', id: 'x' } });
});

test("an API key's name is key- and 8 hex digits of its SHA-256: stable, and not the key", () => {
  const key = 'an-admin-api-key-of-at-least-32-characters';
  assert.match(apiKeyName(key), /^key-[0-9a-f]{8}$/);
  assert.equal(apiKeyName(key), apiKeyName(key));
  assert.notEqual(apiKeyName(key), apiKeyName(`${key}x`));
});
