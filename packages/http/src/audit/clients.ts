/**
 * What the admin API records for OAuth2 clients (packages/http/src/admin/clients.ts): the client as
 * GET shows it before and after, so the diff names each changed field; a secret the answer shows
 * once is recorded as changed, never its value (docs/security.md AS-46).
 */
import type { FastifyRequest } from 'fastify';
import type { AuditTarget } from '@olympus/audit';
import type { OAuth2Context } from '@olympus/oauth2';
import type { AuditedRoutes, States } from './audited-routes.ts';

const PATH = '/admin/clients/:id';

const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;

const nameOf = (state: unknown): string | undefined => {
  const name = (state as { client_name?: unknown } | undefined)?.client_name;
  return typeof name === 'string' && name !== '' ? name : undefined;
};

const clientTarget = (id: string, { before, after }: States): AuditTarget => {
  const label = nameOf(after) ?? nameOf(before);
  return { type: 'client', id, ...(label === undefined ? {} : { label }) };
};

/** The rotated secrets still accepted, by when each stops (null: until retired); never a hash (clients.secrets). */
const rotatedOf = async (ctx: OAuth2Context, id: string) =>
  (await ctx.clients.secrets(id)).rotated.map((r) => ({ expires_at: r.expiresAt === null ? null : new Date(r.expiresAt).toISOString() }));

export const clientAudit = (ctx: OAuth2Context): AuditedRoutes => {
  const current = async (req: FastifyRequest) => (await ctx.clients.get(idOf(req)))?.client;
  const changed = { target: (req: FastifyRequest, states: States) => clientTarget(idOf(req), states), before: current };
  /** Rotation changes which secrets are accepted: the client with its rotated secrets' windows. */
  const withRotated = async (req: FastifyRequest, client: unknown) =>
    client === undefined ? undefined : { ...(client as object), rotated: await rotatedOf(ctx, idOf(req)) };
  const rotation = { ...changed, before: async (req: FastifyRequest) => withRotated(req, await current(req)) };
  return {
    'POST /admin/clients': {
      action: 'client.create',
      target: (_req, states) => clientTarget(String((states.after as { client_id?: unknown } | undefined)?.client_id ?? ''), states),
    },
    [`PUT ${PATH}`]: { action: 'client.update', ...changed },
    [`PATCH ${PATH}`]: { action: 'client.update', ...changed },
    [`DELETE ${PATH}`]: { action: 'client.delete', ...changed },
    [`POST ${PATH}/secrets/rotate`]: { action: 'client.secret.rotate', ...rotation, after: withRotated },
    [`DELETE ${PATH}/secrets/rotate`]: { action: 'client.secret.retire', ...rotation, after: async (req) => withRotated(req, await current(req)) },
  };
};
