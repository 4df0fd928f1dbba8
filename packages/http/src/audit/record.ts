/**
 * Recording an audit event, for the admin API's routes (admin-change.ts) and the console: the event
 * is built with its diff and details redacted (@olympus/audit) and appended after the change
 * succeeded. A failed append is logged at error level and swallowed: the change is already
 * committed, and answering 500 would tell the caller it failed, inviting a retry that repeats it (a
 * second client, a second rotation that replaces the secret just shown once). docs/operations/audit.md
 * says what an operator sees then.
 */
import { newAuditEvent, type AuditEventInput } from '@olympus/audit';
import type { Logger } from '@olympus/oauth2';
import type { HttpDeps } from '../deps.ts';

/** What recording needs: the store (absent: nothing is recorded), the clock and a logger. */
export type AuditDeps = Pick<HttpDeps, 'audit' | 'ctx'>;

/** The error line an operator alerts on (docs/operations/audit.md). */
export const LOST_EVENT = 'the audit event of a change that succeeded could not be recorded';

/**
 * Records one event; never throws. The console calls it after a change of its own succeeded, with
 * `{ actor: { kind: 'identity', id: <identity id>, label: <email> }, action, target, before, after,
 * requestId: req.id }` and its request's logger; the states are diffed and redacted here.
 */
export const recordAuditEvent = async (deps: AuditDeps, event: AuditEventInput, log?: Logger): Promise<void> => {
  if (deps.audit === undefined) return;
  try {
    await deps.audit.append(newAuditEvent(event, deps.ctx.now()));
  } catch (err) {
    (log ?? deps.ctx.log).error(
      { err, audit_action: event.action, target_type: event.target.type, target_id: event.target.id, actor_id: event.actor.id },
      LOST_EVENT,
    );
  }
};
