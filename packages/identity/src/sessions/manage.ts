/**
 * "My sessions" (public, FrontendApi) and the admin's view of every session (IdentityApi):
 * list, revoke, extend (docs/compatibility.md §2.1, §2.2; docs/security.md ID-11).
 */
import type { IdentityContext } from '../context.ts';
import { BadRequest, FlowNotFound } from '../errors.ts';
import type { SessionPage } from '../ports.ts';
import type { Session } from './session.ts';
import type { CurrentSession } from './lookup.ts';

/** The other active sessions of the caller's identity (GET /sessions), newest first. */
export const listMyOtherSessions = async (ctx: IdentityContext, current: CurrentSession, limit: number): Promise<Session[]> => {
  const sessions = await ctx.storage.sessions.listSessionsOfIdentity(current.identity.id, { activeOnly: true, limit: limit + 1 });
  const now = ctx.now();
  return sessions.filter((s) => s.id !== current.session.id && Date.parse(s.expires_at) > now).slice(0, limit);
};

/** DELETE /sessions: ends every other session of the caller's identity; returns how many. */
export const revokeMyOtherSessions = async (ctx: IdentityContext, current: CurrentSession): Promise<number> => {
  const count = await ctx.storage.sessions.revokeSessionsOfIdentity(current.identity.id, current.session.id, ctx.now());
  ctx.log.info({ identity_id: current.identity.id, session_id: current.session.id, count }, 'other sessions revoked');
  return count;
};

const unknownSession = (id: string): FlowNotFound =>
  new FlowNotFound('Unable to locate the resource.', { reason: `No session with id "${id}" exists for this identity.` });

/** DELETE /sessions/{id}: one of the caller's other sessions; the current one ends through logout. */
export const revokeMySession = async (ctx: IdentityContext, current: CurrentSession, id: string): Promise<void> => {
  if (id === current.session.id) {
    throw new BadRequest('The current session cannot be revoked here.', {
      reason: 'Use the logout flow (/self-service/logout) to end the current session.',
    });
  }
  const target = await ctx.storage.sessions.getSession(id);
  if (target === undefined || target.identity_id !== current.identity.id) throw unknownSession(id);
  await ctx.storage.sessions.revokeSession(id, ctx.now());
  ctx.log.info({ identity_id: current.identity.id, session_id: id }, 'session revoked by its owner');
};

/** Admin: one session, 404 when unknown. */
export const getSessionOrThrow = async (ctx: IdentityContext, id: string): Promise<Session> => {
  const session = await ctx.storage.sessions.getSession(id);
  if (session === undefined) throw new FlowNotFound('Unable to locate the resource.', { reason: `No session with id "${id}" exists.` });
  return session;
};

/** Admin: every session, one keyset page, plus the position of the next page when there is one. */
export const listAllSessions = async (ctx: IdentityContext, page: SessionPage): Promise<{ sessions: Session[]; next?: SessionPage['after'] }> => {
  const rows = await ctx.storage.sessions.listSessions({ ...page, limit: page.limit + 1 });
  const sessions = rows.slice(0, page.limit);
  const last = sessions.at(-1);
  const next = rows.length > page.limit && last ? { issuedAt: Date.parse(last.issued_at), id: last.id } : undefined;
  return { sessions, next };
};

/** Admin: PATCH /admin/sessions/{id}/extend — a live session gets a full `session.lifespan` from now. */
export const extendSession = async (ctx: IdentityContext, id: string): Promise<Session> => {
  const session = await getSessionOrThrow(ctx, id);
  const now = ctx.now();
  if (!session.active || Date.parse(session.expires_at) <= now) {
    throw new FlowNotFound('Unable to locate the resource.', { reason: `Session "${id}" has ended; only live sessions can be extended.` });
  }
  const extended = { ...session, expires_at: new Date(now + ctx.config.session.lifespan).toISOString() };
  await ctx.storage.sessions.updateSession(extended);
  ctx.log.info({ session_id: id, identity_id: session.identity_id }, 'session extended by the admin');
  return extended;
};

/** Logout from a UI: the caller's own current session ends server-side (docs/security.md ID-11). */
export const endMyCurrentSession = async (ctx: IdentityContext, current: CurrentSession, by: string): Promise<void> => {
  await ctx.storage.sessions.revokeSession(current.session.id, ctx.now());
  ctx.log.info({ session_id: current.session.id, identity_id: current.identity.id }, `identity session ended by ${by}`);
};
