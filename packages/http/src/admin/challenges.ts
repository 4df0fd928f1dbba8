import type { FastifyRequest } from 'fastify';
import {
  acceptConsentRequest, acceptLoginRequest, getConsentRequest, getLoginRequestForUi, rejectConsentRequest, rejectLoginRequest,
  RequestExpired, RequestHandled, type ClosedRequest,
} from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { challengeSchemas as schemas } from './challenges.schema.ts';
import { acceptConsentOf, acceptLoginOf, consentRequestWire, loginRequestWire, logoutRequestWire, rejectionOfWire } from './challenge-wire.ts';

const query = (req: FastifyRequest, name: string): string => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : '';
};

const closedRequestWire = (closed: ClosedRequest): unknown => {
  if (closed.kind === 'login') return loginRequestWire(closed.request);
  if (closed.kind === 'consent') return consentRequestWire(closed.request);
  return logoutRequestWire(closed.request);
};

/**
 * Hydra's 410 for a request handled before: where it stands, the request, and `redirect_to`, so a
 * login UI hit by a double submit or the back button can carry on. Only the admin API says this;
 * the core's error carries it typed (`closed`) and nothing else renders it (docs/security.md AS-21).
 */
export const withHydraClosedBody = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (err) {
    if (!(err instanceof RequestHandled || err instanceof RequestExpired) || err.closed === undefined) throw err;
    const extra = { status: err.closed.status, request: closedRequestWire(err.closed), redirect_to: err.closed.redirectTo };
    const shown = err instanceof RequestHandled
      ? new RequestHandled(err.description, { hint: err.hint, debug: err.debug, extra })
      : new RequestExpired(err.description, { hint: err.hint, debug: err.debug, extra });
    shown.traceId = err.traceId;
    throw shown;
  }
};

/**
 * Hydra's login and consent request API (docs/compatibility.md §1): the login/consent UI reads the
 * request, then accepts or rejects it and sends the browser to `redirect_to`.
 */
export const registerChallengeRoutes: RegisterRoutes = (app, { ctx }) => {
  const base = '/admin/oauth2/auth/requests';
  const login = (req: FastifyRequest) => query(req, 'login_challenge') || query(req, 'challenge');
  const consent = (req: FastifyRequest) => query(req, 'consent_challenge') || query(req, 'challenge');
  const redirect = async (outcome: Promise<{ redirectTo: string }>) => ({ redirect_to: (await withHydraClosedBody(outcome)).redirectTo });

  app.get(`${base}/login`, { schema: schemas.getLogin }, async (req) => loginRequestWire(await withHydraClosedBody(getLoginRequestForUi(ctx, login(req), String(req.id)))));
  app.put(`${base}/login/accept`, { schema: schemas.acceptLogin }, async (req) => redirect(acceptLoginRequest(ctx, login(req), acceptLoginOf(req.body))));
  app.put(`${base}/login/reject`, { schema: schemas.rejectLogin }, async (req) => redirect(rejectLoginRequest(ctx, login(req), rejectionOfWire(req.body))));
  app.get(`${base}/consent`, { schema: schemas.getConsent }, async (req) => consentRequestWire(await withHydraClosedBody(getConsentRequest(ctx, consent(req)))));
  app.put(`${base}/consent/accept`, { schema: schemas.acceptConsent }, async (req) => redirect(acceptConsentRequest(ctx, consent(req), acceptConsentOf(req.body))));
  app.put(`${base}/consent/reject`, { schema: schemas.rejectConsent }, async (req) => redirect(rejectConsentRequest(ctx, consent(req), rejectionOfWire(req.body))));
};
