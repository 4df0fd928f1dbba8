/**
 * The audit events of identity changes made in the console: the identity as the admin API records
 * it (identityView: credentials without their config) before and after, the administrator as actor.
 */
import type { FastifyRequest } from 'fastify';
import type { AuditAction } from '@olympus/audit';
import type { HttpDeps } from '@olympus/http';
import { identityView, type Identity } from '@olympus/identity';
import { recordConsoleChange } from '../../audit.ts';
import type { Admin } from '../../session/guard.ts';
import { identityTarget } from './label.ts';

export interface IdentityChange {
  action: AuditAction;
  before?: Identity;
  after?: Identity;
}

export const recordIdentityChange = (deps: HttpDeps, req: FastifyRequest, admin: Admin, { action, before, after }: IdentityChange): Promise<void> =>
  recordConsoleChange(deps, req, admin, {
    action,
    target: identityTarget((after ?? before)!),
    before: before && identityView(before),
    after: after && identityView(after),
  });

/** Every active session of an identity ended: the count before and after, as the admin API records it. */
export const recordSessionsRevoked = (deps: HttpDeps, req: FastifyRequest, admin: Admin, identity: Identity, revoked: number): Promise<void> =>
  recordConsoleChange(deps, req, admin, {
    action: 'identity.sessions.revoke',
    target: identityTarget(identity),
    before: { active_sessions: revoked },
    after: { active_sessions: 0 },
  });
