import type { OAuth2Context } from './context.ts';
import { InvalidRequest } from './errors.ts';
import { consentSessionOf } from './challenges/views.ts';
import { endAuthSession, type BackchannelNotice } from './logout/backchannel.ts';
import type { ConsentSessionCursor } from './ports.ts';

export interface ConsentSessionQuery {
  subject: string;
  loginSessionId?: string;
  pageSize: number;
  /** Sessions after this position; the HTTP edge seals it into a page token (packages/http/src/paging.ts). */
  before?: ConsentSessionCursor;
}

/**
 * GET /admin/oauth2/auth/sessions/consent: one page of a subject's consent sessions (grants),
 * newest first, and the position of the next page when more follow.
 */
export const listConsentSessions = async (ctx: OAuth2Context, q: ConsentSessionQuery) => {
  if (!q.subject) throw new InvalidRequest('The query parameter "subject" is required.');
  // One extra row tells whether another page follows.
  const flows = await ctx.storage.flows.listConsentSessions(q.subject, {
    loginSessionId: q.loginSessionId, limit: q.pageSize + 1, before: q.before,
  });
  const page = flows.slice(0, q.pageSize);
  const last = page[page.length - 1];
  const next: ConsentSessionCursor | undefined =
    flows.length > q.pageSize && last?.consent ? { handledAt: last.consent.handledAt, id: last.id } : undefined;
  const sessions = await Promise.all(page.map(async (f) => consentSessionOf(f, (await ctx.clients.get(f.clientId))?.client)));
  return { sessions, next };
};

export interface RevokeConsentQuery {
  subject: string;
  client?: string;
  /** Hydra's `consent_request_id`: the `consent_request_id` of one listed consent session. */
  consentRequestId?: string;
  all: boolean;
}

const revokedFlowIds = (ctx: OAuth2Context, q: RevokeConsentQuery, now: number): Promise<string[]> => {
  if (q.consentRequestId) return ctx.storage.flows.revokeConsentSession(q.subject, q.consentRequestId, now);
  if (!q.client && !q.all) {
    throw new InvalidRequest('Name the client with "client=<id>", one consent session with "consent_request_id=<id>", or pass "all=true" to revoke consent for every client.');
  }
  return ctx.storage.flows.revokeConsentSessions(q.subject, q.all ? undefined : q.client, now);
};

/**
 * DELETE /admin/oauth2/auth/sessions/consent: revokes the subject's consent for one consent session
 * (consent_request_id), one client, or all with all=true, and every token issued under it
 * (docs/compatibility.md §1.2). Revoking what is already gone is a success, as in Hydra.
 */
export const revokeConsentSessions = async (ctx: OAuth2Context, q: RevokeConsentQuery): Promise<void> => {
  if (!q.subject) throw new InvalidRequest('The query parameter "subject" is required.');
  const now = ctx.now();
  const flowIds = await revokedFlowIds(ctx, q, now);
  await ctx.storage.tokens.revokeFlows(flowIds, now);
  ctx.log.info(
    { subject: q.subject, client_id: q.client, flow_id: q.consentRequestId, revoked: flowIds.length },
    'consent sessions revoked with their tokens',
  );
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
