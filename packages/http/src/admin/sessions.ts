import type { FastifyRequest } from 'fastify';
import {
  InvalidRequest,
  acceptLogoutRequest,
  getLogoutRequest,
  listConsentSessions,
  rejectLogoutRequest,
  revokeConsentSessions,
  revokeLoginSessions,
} from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { deliverBackchannel } from '../backchannel.ts';

const q = (req: FastifyRequest, name: string): string => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};

const intParam = (req: FastifyRequest, name: string, fallback: number, max: number): number => {
  const n = Number(q(req, name));
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
};

/** Logout requests, consent and login sessions, bulk token deletion (Hydra's admin API, ory-api.md §1.2). */
export const registerSessionRoutes: RegisterRoutes = (app, { ctx }) => {
  const base = '/admin/oauth2/auth';
  app.get(`${base}/requests/logout`, async (req) => getLogoutRequest(ctx, q(req, 'logout_challenge') || q(req, 'challenge')));
  app.put(`${base}/requests/logout/accept`, async (req) => {
    const { body, notices } = await acceptLogoutRequest(ctx, q(req, 'logout_challenge') || q(req, 'challenge'));
    void deliverBackchannel(notices, req.log);
    return body;
  });
  app.put(`${base}/requests/logout/reject`, async (req, reply) => {
    await rejectLogoutRequest(ctx, q(req, 'logout_challenge') || q(req, 'challenge'));
    return reply.code(204).send();
  });
  app.get(`${base}/sessions/consent`, async (req) => {
    const pageSize = intParam(req, 'page_size', 250, 500);
    const page = intParam(req, 'page', 1, 1_000_000);
    return listConsentSessions(ctx, { subject: q(req, 'subject'), loginSessionId: q(req, 'login_session_id') || undefined, limit: pageSize, offset: (page - 1) * pageSize });
  });
  app.delete(`${base}/sessions/consent`, async (req, reply) => {
    await revokeConsentSessions(ctx, { subject: q(req, 'subject'), client: q(req, 'client') || undefined, all: q(req, 'all') === 'true' });
    return reply.code(204).send();
  });
  app.delete('/admin/oauth2/tokens', async (req, reply) => {
    const clientId = q(req, 'client_id');
    if (!clientId) throw new InvalidRequest('The query parameter "client_id" is required.');
    await ctx.storage.tokens.revokeAccessTokensOfClient(clientId, ctx.now());
    req.log.info({ client_id: clientId }, 'all access tokens of the client revoked');
    return reply.code(204).send();
  });
  app.delete(`${base}/sessions/login`, async (req, reply) => {
    const notices = await revokeLoginSessions(ctx, { subject: q(req, 'subject') || undefined, sid: q(req, 'sid') || undefined });
    void deliverBackchannel(notices, req.log);
    return reply.code(204).send();
  });
};
