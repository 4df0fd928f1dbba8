/**
 * One entry of the audit log: who changed what, when, how (a field-by-field diff with secrets
 * redacted, redact.ts) and under which request id. docs/operations/audit.md describes each field.
 */
import type { AuditAction } from './actions.ts';

/**
 * Who made the change:
 * - `identity`: an administrator signed in to the console (id: the identity's id, label: its email);
 * - `api_key`: a caller of the admin API with one of `serve.admin.api_keys` (id and label: the key's
 *   name, `key-<first 8 hex of its SHA-256>`, never the key);
 * - `local`: a caller of the admin API on loopback while no API key is configured;
 * - `system`: Olympus itself.
 */
export type AuditActorKind = 'identity' | 'api_key' | 'local' | 'system';

export interface AuditActor {
  kind: AuditActorKind;
  id: string;
  label: string;
}

/** What was changed: its kind, its id and, where one helps a reader, a name (a client's name, an email). */
export type AuditTargetType = 'client' | 'key' | 'key_set' | 'identity' | 'session' | 'subject' | 'login_session';

export interface AuditTarget {
  type: AuditTargetType;
  id: string;
  label?: string;
}

/**
 * One changed field, named by its JSON Pointer (RFC 6901) below the target (`/client_name`,
 * `/metadata/team`); `before` is absent for a field that was added, `after` for one that was removed.
 */
export interface AuditFieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The admin API records successes only; a console may record refused attempts. */
export type AuditOutcome = 'success' | 'failure';

export interface AuditEvent {
  /** A UUID. */
  id: string;
  /** When it happened, RFC 3339 in UTC with milliseconds. */
  time: string;
  actor: AuditActor;
  action: AuditAction;
  target: AuditTarget;
  diff: AuditFieldChange[];
  /** Parameters of an action that is not a field change (which client's consents, how many sessions), redacted like the diff. */
  details?: Record<string, unknown>;
  /** The request's X-Request-Id, so the event leads to the request's log lines. */
  requestId?: string;
  outcome: AuditOutcome;
}
