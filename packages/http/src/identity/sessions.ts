/**
 * Sessions as their owner sees them (public origin, FrontendApi) and as the admin sees them
 * (admin origin, IdentityApi): docs/compatibility.md §2.1 and §2.2; docs/security.md ID-11.
 */
import type { FastifyRequest } from 'fastify';
import {
  FlowNotFound, extendSession, redeemSessionTokenExchange, getSessionOrThrow, listAllSessions, listMyOtherSessions, noSession, revokeMyOtherSessions,
  revokeIdentitySessionsAsAdmin, revokeMySession, revokeSessionAsAdmin, sessionWire, type CurrentSession, type IdentityContext, type Session,
} from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { frontendSchemas } from './self-service.schema.ts';
import { adminIdentitySchemas as admin } from './admin.schema.ts';
import { auditRoutes } from '../audit/audited-routes.ts';
import { identitySessionAudit } from '../audit/identity-sessions.ts';
import { varyOnNavigation } from '../navigation-constraint.ts';
import { openPageToken, pageLinks, readPageSize, sealPageToken } from '../paging.ts';
import { currentSession } from './session-cookie.ts';

const query = (req: FastifyRequest): Record<string, unknown> => req.query as Record<string, unknown>;

const requireSession = async (ctx: IdentityContext, req: FastifyRequest): Promise<CurrentSession> => {
  const current = await currentSession(ctx, req);
  if (current === undefined) throw noSession();
  return current;
};

/**
 * GET /sessions, DELETE /sessions, DELETE /sessions/{id}, GET /sessions/token-exchange. GET /sessions is unconstrained: browser
 * navigations may be served a page by a route constrained with browserNavigationOnly (Hera's
 * device list); every other request (FrontendApi.listMySessions) gets this JSON.
 */
export const registerMySessionRoutes: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  app.get('/sessions', { schema: frontendSchemas.listMySessions }, async (req, reply) => {
    const current = await requireSession(ctx, req);
    const sessions = await listMyOtherSessions(ctx, current, readPageSize(query(req).page_size));
    varyOnNavigation(reply).header('cache-control', 'private, no-store');
    return sessions.map((s) => sessionWire(s, current.identity));
  });
  app.delete('/sessions', { schema: frontendSchemas.revokeOtherSessions }, async (req) => ({ count: await revokeMyOtherSessions(ctx, await requireSession(ctx, req)) }));
  // Kratos' FrontendApi.exchangeSessionToken: a native app's social sign-in ends here (flows/token-exchange/redeem.ts).
  app.get('/sessions/token-exchange', { schema: frontendSchemas.tokenExchange }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const { session, identity, token } = await redeemSessionTokenExchange(ctx, query(req).init_code, query(req).return_to_code);
    return { session: sessionWire(session, identity), session_token: token };
  });
  app.delete<{ Params: { id: string } }>('/sessions/:id', { schema: frontendSchemas.revokeMySession }, async (req, reply) => {
    await revokeMySession(ctx, await requireSession(ctx, req), req.params.id);
    return reply.code(204).send();
  });
};

const PAGE_ENDPOINT = 'identity-sessions';
type Position = { issuedAt: number; id: string };
const isPosition = (v: unknown): v is Position =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as Position).issuedAt) && typeof (v as Position).id === 'string';

/** `active=true|false` filters; anything else (or nothing) lists both. */
const activeFilter = (raw: unknown): boolean | undefined => (raw === 'true' ? true : raw === 'false' ? false : undefined);

/** Admin view: identity and devices always expanded (Kratos' `expand=identity,devices`). */
const adminWire = async (ctx: IdentityContext, session: Session) => {
  const identity = await ctx.storage.identities.getIdentity(session.identity_id);
  if (identity === undefined) {
    const { identity_id: _id, ...rest } = session;
    return { ...rest, identity: null };
  }
  return sessionWire(session, identity);
};

const requireIdentity = async (ctx: IdentityContext, id: string): Promise<void> => {
  if ((await ctx.storage.identities.getIdentity(id)) === undefined) {
    throw new FlowNotFound('Unable to locate the resource.', { reason: `No identity with id "${id}" exists.` });
  }
};

/** /admin/sessions, /admin/sessions/{id}[/extend], /admin/identities/{id}/sessions. */
export const registerAdminSessionRoutes: RegisterRoutes = (app, { identity: ctx, ctx: oauth2, audit }) => {
  if (ctx === undefined) return;
  auditRoutes(app, { ctx: oauth2, audit }, identitySessionAudit(ctx));
  app.get('/admin/sessions', { schema: admin.listSessions }, async (req, reply) => {
    const pageSize = readPageSize(query(req).page_size);
    const after = openPageToken(ctx.sealer, PAGE_ENDPOINT, query(req).page_token, isPosition);
    const active = activeFilter(query(req).active);
    const { sessions, next } = await listAllSessions(ctx, { limit: pageSize, active, after });
    const filters: Record<string, string> = active === undefined ? {} : { active: String(active) };
    reply.header('link', pageLinks('/admin/sessions', filters, pageSize, next && sealPageToken(ctx.sealer, PAGE_ENDPOINT, next)));
    return Promise.all(sessions.map((s) => adminWire(ctx, s)));
  });
  app.get<{ Params: { id: string } }>('/admin/sessions/:id', { schema: admin.getSession }, async (req) => adminWire(ctx, await getSessionOrThrow(ctx, req.params.id)));
  app.delete<{ Params: { id: string } }>('/admin/sessions/:id', { schema: admin.deleteSession }, async (req, reply) => {
    await revokeSessionAsAdmin(ctx, req.params.id);
    return reply.code(204).send();
  });
  app.patch<{ Params: { id: string } }>('/admin/sessions/:id/extend', { schema: admin.extendSession }, async (req) => adminWire(ctx, await extendSession(ctx, req.params.id)));
  app.get<{ Params: { id: string } }>('/admin/identities/:id/sessions', { schema: admin.identitySessions }, async (req) => {
    await requireIdentity(ctx, req.params.id);
    const active = activeFilter(query(req).active);
    const sessions = await ctx.storage.sessions.listSessionsOfIdentity(req.params.id, { activeOnly: active === true, limit: readPageSize(query(req).page_size) });
    return Promise.all(sessions.filter((s) => active !== false || !s.active).map((s) => adminWire(ctx, s)));
  });
  app.delete<{ Params: { id: string } }>('/admin/identities/:id/sessions', { schema: admin.deleteIdentitySessions }, async (req, reply) => {
    await revokeIdentitySessionsAsAdmin(ctx, req.params.id);
    return reply.code(204).send();
  });
};
