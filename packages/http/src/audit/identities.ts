/**
 * What the admin API records for identities (packages/http/src/identity/admin-identities.ts): the
 * identity as the admin API shows it (identityView: credentials without their config) before and
 * after. A change of `state` is recorded as identity.disable or identity.enable, whatever else the
 * same request changed.
 */
import type { FastifyRequest } from 'fastify';
import type { AuditAction, AuditTarget } from '@olympus/audit';
import { identityServiceFor, identityView, type IdentityContext } from '@olympus/identity';
import type { AuditedRoutes, States } from './audited-routes.ts';

const PATH = '/admin/identities/:id';

type Shown = { id?: unknown; state?: unknown; credentials?: Record<string, { identifiers?: unknown[] } | undefined> } | undefined;

const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;

/** The identifier people recognise: the first one of any credential (usually the email address). */
const labelOf = (state: unknown): string | undefined => {
  const identifiers = Object.values((state as Shown)?.credentials ?? {}).flatMap((c) => c?.identifiers ?? []);
  return typeof identifiers[0] === 'string' ? identifiers[0] : undefined;
};

export const identityTarget = (id: string, { before, after }: Pick<States, 'before' | 'after'>): AuditTarget => {
  const label = labelOf(after) ?? labelOf(before);
  return { type: 'identity', id, ...(label === undefined ? {} : { label }) };
};

/** A state change names the action; anything else is an update. */
const updateAction = ({ before, after }: States): AuditAction => {
  const [was, is] = [(before as Shown)?.state, (after as Shown)?.state];
  if (was === is || was === undefined || is === undefined) return 'identity.update';
  return is === 'active' ? 'identity.enable' : 'identity.disable';
};

export const identityAudit = (ctx: IdentityContext): AuditedRoutes => {
  const service = identityServiceFor(ctx);
  const current = async (req: FastifyRequest) => identityView(await service.get(idOf(req)));
  const changed = { target: (req: FastifyRequest, states: States) => identityTarget(idOf(req), states), before: current };
  return {
    'POST /admin/identities': { action: 'identity.create', target: (_req, states) => identityTarget(String((states.after as Shown)?.id ?? ''), states) },
    [`PUT ${PATH}`]: { action: updateAction, ...changed },
    [`PATCH ${PATH}`]: { action: updateAction, ...changed },
    [`DELETE ${PATH}`]: { action: 'identity.delete', ...changed },
    [`DELETE ${PATH}/credentials/:type`]: {
      action: 'identity.credential.delete',
      ...changed,
      after: current,
      details: (req) => {
        const identifier = (req.query as Record<string, unknown>).identifier;
        return { type: (req.params as { type: string }).type, ...(typeof identifier === 'string' ? { identifier } : {}) };
      },
    },
  };
};
