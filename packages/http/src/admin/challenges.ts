import type { FastifyRequest } from 'fastify';
import {
  acceptConsentRequest,
  acceptLoginRequest,
  getConsentRequest,
  getLoginRequest,
  rejectConsentRequest,
  rejectLoginRequest,
} from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';

const query = (req: FastifyRequest, name: string): string => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : '';
};

/**
 * Hydra's login and consent request API (reference/ory-api.md §1.2): the login/consent UI reads
 * the request, then accepts or rejects it and sends the browser to `redirect_to`.
 */
export const registerChallengeRoutes: RegisterRoutes = (app, { ctx }) => {
  const base = '/admin/oauth2/auth/requests';
  app.get(`${base}/login`, async (req) => getLoginRequest(ctx, query(req, 'login_challenge') || query(req, 'challenge')));
  app.put(`${base}/login/accept`, async (req) => acceptLoginRequest(ctx, query(req, 'login_challenge') || query(req, 'challenge'), req.body));
  app.put(`${base}/login/reject`, async (req) => rejectLoginRequest(ctx, query(req, 'login_challenge') || query(req, 'challenge'), req.body));
  app.get(`${base}/consent`, async (req) => getConsentRequest(ctx, query(req, 'consent_challenge') || query(req, 'challenge')));
  app.put(`${base}/consent/accept`, async (req) => acceptConsentRequest(ctx, query(req, 'consent_challenge') || query(req, 'challenge'), req.body));
  app.put(`${base}/consent/reject`, async (req) => rejectConsentRequest(ctx, query(req, 'consent_challenge') || query(req, 'challenge'), req.body));
};
