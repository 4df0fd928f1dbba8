import type { OAuth2Context } from './context.ts';
import { InvalidRequest } from './errors.ts';
import { consentSessionBody } from './challenges/shapes.ts';
import { endAuthSession, type BackchannelNotice } from './logout/backchannel.ts';

/** GET /admin/oauth2/auth/sessions/consent: the consent sessions (grants) of a subject. */
export const listConsentSessions = async (
  ctx: OAuth2Context,
  q: { subject: string; loginSessionId?: string; limit: number; offset: number },
) => {
  if (!q.subject) throw new InvalidRequest('The query parameter "subject" is required.');
  const flows = await ctx.storage.flows.listConsentSessions(q.subject, { loginSessionId: q.loginSessionId, limit: q.limit, offset: q.offset });
  return Promise.all(flows.map(async (f) => consentSessionBody(f, (await ctx.clients.get(f.clientId))?.client)));
};

/**
 * DELETE /admin/oauth2/auth/sessions/consent: revokes the subject's consent for one client (or all
 * with all=true) and every token issued under it (reference/ory-api.md §1.2).
 */
export const revokeConsentSessions = async (ctx: OAuth2Context, q: { subject: string; client?: string; all: boolean }): Promise<void> => {
  if (!q.subject) throw new InvalidRequest('The query parameter "subject" is required.');
  if (!q.client && !q.all) throw new InvalidRequest('Name the client with "client=<id>", or pass "all=true" to revoke consent for every client.');
  const now = ctx.now();
  const flowIds = await ctx.storage.flows.revokeConsentSessions(q.subject, q.all ? undefined : q.client, now);
  await ctx.storage.tokens.revokeFlows(flowIds, now);
  ctx.log.info({ subject: q.subject, client_id: q.client, revoked: flowIds.length }, 'consent sessions revoked with their tokens');
};

/**
 * DELETE /admin/oauth2/auth/sessions/login: ends one authentication session (`sid`) or all of a
 * subject's. The next authorization shows the login UI again; refresh tokens without
 * offline_access die with their session.
 */
export const revokeLoginSessions = async (ctx: OAuth2Context, q: { subject?: string; sid?: string }): Promise<BackchannelNotice[]> => {
  if (q.sid) return endAuthSession(ctx, q.sid);
  if (!q.subject) throw new InvalidRequest('Pass "subject=<subject>" or "sid=<session id>".');
  const ended = await ctx.storage.authSessions.revokeAuthenticationSessionsOfSubject(q.subject, ctx.now());
  ctx.log.info({ subject: q.subject, revoked: ended.length }, 'authentication sessions of subject ended');
  return [];
};
