export { AUDIT_ACTIONS, actionMatches, isAuditAction, readActionFilter, type AuditAction } from './actions.ts';
export type { AuditActor, AuditActorKind, AuditEvent, AuditFieldChange, AuditOutcome, AuditTarget, AuditTargetType } from './event.ts';
export { diffOf } from './diff.ts';
export { REDACTED, redact } from './redact.ts';
export { newAuditEvent, type AuditEventInput } from './new-event.ts';
export type { AuditCursor, AuditPage, AuditQuery, AuditStore } from './store.ts';
