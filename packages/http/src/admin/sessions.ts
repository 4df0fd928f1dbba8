import type { FastifyRequest } from 'fastify';
import {
  InvalidRequest,
  type ConsentSessionCursor,
  acceptLogoutRequest,
  getLogoutRequest,
  listConsentSessions,
  rejectLogoutRequest,
  revokeConsentSessions,
  revokeLoginSessions,
} from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { auditRoutes } from '../audit/audited-routes.ts';
import { OAUTH2_SESSION_AUDIT } from '../audit/oauth2-sessions.ts';
import { deliverBackchannel } from '../backchannel.ts';
import { openPageToken, pageLinks, readPageSize, sealPageToken } from '../paging.ts';
import { consentSessionWire, logoutRequestWire } from './challenge-wire.ts';
import { withHydraClosedBody } from './challenges.ts';
import { challengeSchemas as schemas } from './challenges.schema.ts';

const q = (req: FastifyRequest, name: string): string => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};

const CONSENT_SESSIONS_PATH = '/admin/oauth2/auth/sessions/consent';
const PAGE_ENDPOINT = 'consent-sessions';

const isConsentCursor = (value: unknown): value is ConsentSessionCursor =>
  typeof value === 'object' && value !== null &&
  Number.isSafeInteger((value as ConsentSessionCursor).handledAt) && typeof (value as ConsentSessionCursor).id === 'string';

/** Logout requests, consent and login sessions, bulk token deletion (Hydra's admin API, docs/compatibility.md §1). */
export const registerSessionRoutes: RegisterRoutes = (app, { ctx, audit }) => {
  auditRoutes(app, { ctx, audit }, OAUTH2_SESSION_AUDIT);
  const base = '/admin/oauth2/auth';
  const logout = (req: FastifyRequest) => q(req, 'logout_challenge') || q(req, 'challenge');
  app.get(`${base}/requests/logout`, { schema: schemas.getLogout }, async (req) => logoutRequestWire(await withHydraClosedBody(getLogoutRequest(ctx, logout(req)))));
  app.put(`${base}/requests/logout/accept`, { schema: schemas.acceptLogout }, async (req) => {
    const { redirectTo, notices } = await withHydraClosedBody(acceptLogoutRequest(ctx, logout(req)));
    void deliverBackchannel(notices, req.log);
    return { redirect_to: redirectTo };
  });
  app.put(`${base}/requests/logout/reject`, { schema: schemas.rejectLogout }, async (req, reply) => {
    await rejectLogoutRequest(ctx, logout(req));
    return reply.code(204).send();
  });
  // Hydra's token paging: page_size + sealed page_token, the next page named in the Link header.
  app.get(CONSENT_SESSIONS_PATH, { schema: schemas.listConsentSessions }, async (req, reply) => {
    const pageSize = readPageSize((req.query as Record<string, unknown>).page_size);
    const before = openPageToken(ctx.sealer, PAGE_ENDPOINT, (req.query as Record<string, unknown>).page_token, isConsentCursor);
    const subject = q(req, 'subject');
    const loginSessionId = q(req, 'login_session_id') || undefined;
    const { sessions, next } = await listConsentSessions(ctx, { subject, loginSessionId, pageSize, before });
    const filters: Record<string, string> = { subject };
    if (loginSessionId !== undefined) filters.login_session_id = loginSessionId;
    const nextToken = next && sealPageToken(ctx.sealer, PAGE_ENDPOINT, next);
    reply.header('link', pageLinks(CONSENT_SESSIONS_PATH, filters, pageSize, nextToken));
    return sessions.map(consentSessionWire);
  });
  app.delete(CONSENT_SESSIONS_PATH, { schema: schemas.revokeConsentSessions }, async (req, reply) => {
    await revokeConsentSessions(ctx, {
      subject: q(req, 'subject'),
      client: q(req, 'client') || undefined,
      consentRequestId: q(req, 'consent_request_id') || undefined,
      all: q(req, 'all') === 'true',
    });
    return reply.code(204).send();
  });
  app.delete('/admin/oauth2/tokens', { schema: schemas.deleteTokens }, async (req, reply) => {
    const clientId = q(req, 'client_id');
    if (!clientId) throw new InvalidRequest('The query parameter "client_id" is required.');
    await ctx.storage.tokens.revokeAccessTokensOfClient(clientId, ctx.now());
    req.log.info({ client_id: clientId }, 'all access tokens of the client revoked');
    return reply.code(204).send();
  });
  app.delete(`${base}/sessions/login`, { schema: schemas.revokeLoginSessions }, async (req, reply) => {
    const notices = await revokeLoginSessions(ctx, { subject: q(req, 'subject') || undefined, sid: q(req, 'sid') || undefined });
    void deliverBackchannel(notices, req.log);
    return reply.code(204).send();
  });
};
