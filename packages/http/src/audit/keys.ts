/**
 * What the admin API records for JSON Web Keys (packages/http/src/admin/keys.ts): a key is targeted
 * as `<set>/<kid>`, a whole set by its name. States are public JWKs; a private key that a create
 * answer carries is masked member by member (docs/security.md AS-46).
 */
import type { FastifyRequest } from 'fastify';
import type { AuditTarget } from '@olympus/audit';
import type { OAuth2Context } from '@olympus/oauth2';
import type { AuditedRoutes } from './audited-routes.ts';

const SET_PATH = '/admin/keys/:set';
const KEY_PATH = '/admin/keys/:set/:kid';

const paramsOf = (req: FastifyRequest): { set: string; kid?: string } => req.params as { set: string; kid?: string };

const setTarget = (req: FastifyRequest): AuditTarget => ({ type: 'key_set', id: paramsOf(req).set });

const keyTarget = (set: string, kid: unknown): AuditTarget => ({ type: 'key', id: `${set}/${String(kid ?? '')}`, label: set });

const firstKid = (answer: unknown): unknown => (answer as { keys?: Array<{ kid?: unknown }> } | undefined)?.keys?.[0]?.kid;

export const keyAudit = (ctx: OAuth2Context): AuditedRoutes => {
  const keySet = async (req: FastifyRequest) => ({ keys: await ctx.keys.listKeySet(paramsOf(req).set) });
  const key = (req: FastifyRequest) => ctx.keys.getKey(paramsOf(req).set, paramsOf(req).kid ?? '');
  return {
    [`POST ${SET_PATH}`]: {
      action: 'key.create',
      target: (req, { answer }) => keyTarget(paramsOf(req).set, firstKid(answer)),
      after: (_req, answer) => (answer as { keys?: unknown[] } | undefined)?.keys?.[0],
    },
    [`PUT ${SET_PATH}`]: { action: 'key.import', target: setTarget, before: keySet },
    [`DELETE ${SET_PATH}`]: { action: 'key.delete', target: setTarget, before: keySet },
    [`PUT ${KEY_PATH}`]: { action: 'key.import', target: (req) => keyTarget(paramsOf(req).set, paramsOf(req).kid), before: key },
    [`DELETE ${KEY_PATH}`]: { action: 'key.delete', target: (req) => keyTarget(paramsOf(req).set, paramsOf(req).kid), before: key },
  };
};
