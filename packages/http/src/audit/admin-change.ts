/**
 * The admin API's side of the audit log: the target's state is read around the change (only when
 * a store is wired, so nothing is read for nothing) and, once the change succeeded, the event is
 * recorded with the caller as actor and the request id.
 */
import type { FastifyRequest } from 'fastify';
import type { AuditEventInput } from '@olympus/audit';
import type { Logger } from '@olympus/oauth2';
import { adminActorOf } from './actor.ts';
import { recordAuditEvent, type AuditDeps } from './record.ts';

export type AdminChange = Omit<AuditEventInput, 'actor' | 'requestId' | 'outcome'>;

/**
 * The target's state before or after the change, for the diff. A read that fails yields undefined:
 * before the change, the change then answers with its own error, exactly as without the audit log;
 * after it, the event shows the target as gone.
 */
export const readState = async <T>(deps: AuditDeps, read: () => Promise<T>): Promise<T | undefined> => {
  if (deps.audit === undefined) return undefined;
  try {
    return await read();
  } catch {
    return undefined;
  }
};

export const recordAdminChange = (req: FastifyRequest, deps: AuditDeps, change: AdminChange): Promise<void> => {
  if (deps.audit === undefined) return Promise.resolve();
  const actor = adminActorOf(req, deps.ctx.config.serve.admin.apiKeys);
  return recordAuditEvent(deps, { ...change, actor, requestId: req.id }, req.log as unknown as Logger);
};
