/** What the console records in the audit log: its administrator as the actor of every change and sensitive read. */
import type { FastifyRequest } from 'fastify';
import type { AuditAction, AuditTarget } from '@olympus/audit';
import { recordAuditEvent, type HttpDeps } from '@olympus/http';
import type { Admin } from './session/guard.ts';

export interface ConsoleChange {
  action: AuditAction;
  target: AuditTarget;
  before?: unknown;
  after?: unknown;
  /** What the diff cannot say (when a recovery code shown once expires); redacted like the diff. */
  details?: Record<string, unknown>;
}

export const recordConsoleChange = (deps: HttpDeps, req: FastifyRequest, admin: Admin, change: ConsoleChange): Promise<void> =>
  recordAuditEvent(deps, {
    ...change,
    actor: { kind: 'identity', id: admin.identity.id, label: admin.label },
    requestId: String(req.id),
  }, req.log);
