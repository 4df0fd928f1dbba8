/**
 * The audit suites' view of a running Olympus: admin calls that keep their request id, the audit
 * log as GET /admin/audit-events answers it, and the raw audit_events table (docs/security.md AS-46).
 */
import assert from 'node:assert/strict';
import type { TestServer } from './server.ts';

type Json = any;

export interface AdminAnswer {
  status: number;
  body: Json;
  requestId: string;
}

/** One admin call with a JSON body (or none). */
export const admin = async (olympus: TestServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<AdminAnswer> => {
  const res = await fetch(`${olympus.adminUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text), requestId: res.headers.get('x-request-id') ?? '' };
};

/** GET /admin/audit-events with these query parameters: the events and the Link header. */
export const auditLog = async (olympus: TestServer, query: Record<string, string> = {}, headers: Record<string, string> = {}) => {
  const res = await fetch(`${olympus.adminUrl}/admin/audit-events?${new URLSearchParams(query)}`, { headers });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return { events: body as Json[], link: res.headers.get('link') ?? '', raw: JSON.stringify(body) };
};

/** The events of one target, newest first. */
export const eventsOf = async (olympus: TestServer, target: string): Promise<Json[]> => (await auditLog(olympus, { target })).events;

/** The only event of a target with this action. */
export const onlyEvent = async (olympus: TestServer, target: string, action: string): Promise<Json> => {
  const { events } = await auditLog(olympus, { target, action });
  assert.equal(events.length, 1, `one ${action} event for ${target}: ${JSON.stringify(events)}`);
  return events[0];
};

/** Every row of audit_events as text, to assert on what the database holds. */
export const auditTable = async (olympus: TestServer): Promise<string> =>
  JSON.stringify(await olympus.server.db.query('SELECT * FROM audit_events', []));

/** The diff as `{ path: [before, after] }`, for compact assertions. */
export const changes = (event: Json): Record<string, [unknown, unknown]> =>
  Object.fromEntries((event.diff as Json[]).map((c) => [c.path, [c.before, c.after]]));

export const LOCAL = { kind: 'local', id: 'local', label: 'local (loopback, no API key)' } as const;

/** Asserts none of `secrets` appears in any of `texts`. */
export const assertNoSecret = (secrets: readonly string[], ...texts: string[]): void => {
  for (const secret of secrets) {
    assert.ok(secret.length >= 8, `a secret to look for: ${JSON.stringify(secret)}`);
    for (const text of texts) assert.ok(!text.includes(secret), `the secret ${secret.slice(0, 4)}… appears in ${text.slice(0, 200)}…`);
  }
};
