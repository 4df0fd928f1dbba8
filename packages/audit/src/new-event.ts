/**
 * Builds an event from what a caller knows (who, what, the states before and after), so every
 * event's diff and details pass through redaction (redact.ts) whoever records it: the admin API or
 * the console.
 */
import { randomUUID } from 'node:crypto';
import type { AuditAction } from './actions.ts';
import { diffOf } from './diff.ts';
import type { AuditActor, AuditEvent, AuditOutcome, AuditTarget } from './event.ts';
import { redact } from './redact.ts';

export interface AuditEventInput {
  actor: AuditActor;
  action: AuditAction;
  target: AuditTarget;
  /** The target as it was; absent for a creation or a sensitive read. */
  before?: unknown;
  /** The target as it is now; absent for a deletion. */
  after?: unknown;
  details?: Record<string, unknown>;
  requestId?: string;
  /** `success` unless said otherwise. */
  outcome?: AuditOutcome;
}

export const newAuditEvent = (input: AuditEventInput, now: number): AuditEvent => ({
  id: randomUUID(),
  time: new Date(now).toISOString(),
  actor: { ...input.actor },
  action: input.action,
  target: { ...input.target },
  diff: diffOf(input.before, input.after),
  ...(input.details === undefined ? {} : { details: redact(input.details) as Record<string, unknown> }),
  ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
  outcome: input.outcome ?? 'success',
});
