/**
 * What the admin API records for identity sessions (packages/http/src/identity/sessions.ts): one
 * session revoked or extended, its state before and after (only `active` or `expires_at` differ),
 * or every session of an identity revoked, as the number of active sessions before and after.
 */
import type { FastifyRequest } from 'fastify';
import type { AuditTarget } from '@olympus/audit';
import { getSessionOrThrow, type IdentityContext } from '@olympus/identity';
import type { AuditedRoutes, States } from './audited-routes.ts';

/** Enough to count "all" of an identity's sessions: more than a person has devices. */
const COUNT_LIMIT = 1000;

const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;

const sessionTarget = (req: FastifyRequest, { before }: States): AuditTarget => {
  const identityId = (before as { identity_id?: unknown } | undefined)?.identity_id;
  return { type: 'session', id: idOf(req), ...(typeof identityId === 'string' ? { label: identityId } : {}) };
};

export const identitySessionAudit = (ctx: IdentityContext): AuditedRoutes => {
  const session = (req: FastifyRequest) => getSessionOrThrow(ctx, idOf(req));
  const activeCount = async (req: FastifyRequest) =>
    ({ active_sessions: (await ctx.storage.sessions.listSessionsOfIdentity(idOf(req), { activeOnly: true, limit: COUNT_LIMIT })).length });
  return {
    'DELETE /admin/sessions/:id': { action: 'session.revoke', target: sessionTarget, before: session, after: session },
    'PATCH /admin/sessions/:id/extend': { action: 'session.extend', target: sessionTarget, before: session, after: session },
    'DELETE /admin/identities/:id/sessions': {
      action: 'identity.sessions.revoke',
      target: (req) => ({ type: 'identity', id: idOf(req) }),
      before: activeCount,
      after: activeCount,
    },
  };
};
