/**
 * POST /self-service/login?flow= (docs/compatibility.md §2.1, §2.4): the flow must be live and, for browsers,
 * carry the CSRF token of this browser; the submitted `method` picks the strategy; success issues a
 * new session (docs/security.md ID-8) and, for an OAuth2 login, accepts the login request.
 */
import type { IdentityContext } from '../../context.ts';
import { checkCsrf } from '../../csrf/csrf.ts';
import { IdentityError, SecurityCsrfViolation, SessionAal1Required } from '../../errors.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import { issueSession, type IssuedSession } from '../../sessions/issue.ts';
import type { AuthenticationMethod } from '../../sessions/session.ts';
import { protectLogin } from '../../protection/login-guard.ts';
import type { LookedUp } from '../../protection/store.ts';
import type { LoginSuccess } from '../../protection/success.ts';
import { waitFor } from '../../protection/wait.ts';
import { loginStrategyFor, redirectStrategyFor, submittedMethod } from '../../strategies/index.ts';
import { FlowValidationError, type LoginResult } from '../../strategies/strategy.ts';
import { messages } from '../../ui/messages.ts';
import { normalizeBody, type FlowBody } from '../body.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { ensureNotExpired, loadFlow } from '../lookup.ts';
import type { SubmitOutcome, SubmitRequest } from '../outcome.ts';
import { rejected } from '../rejected.ts';
import { recreateLoginFlow } from './create.ts';
import { continueOAuth2Login } from './oauth2.ts';
import { knownLoginRequest } from '../oauth2-request.ts';
import { alreadyLoggedIn } from './rules.ts';
import { csrfFacts, traceLoginSubmit, type SubmitTrace } from './trace-submit.ts';
import { completePendingLink } from '../../strategies/oidc/link.ts';

export interface LoginSubmitRequest extends SubmitRequest {
  current?: CurrentSession;
}

/** The session a step-up or re-authentication continues; a plain login continues none. */
const continuedSession = (flow: SelfServiceFlow, current: CurrentSession | undefined): CurrentSession | undefined => {
  if (flow.requestedAal === 'aal2') {
    if (current === undefined) throw new SessionAal1Required('The second factor needs the session of the first one.', { reason: 'The session ended meanwhile; log in again.' });
    return current;
  }
  if (current !== undefined && !flow.refresh && !flow.oauth2LoginChallenge) throw alreadyLoggedIn();
  return flow.refresh ? current : undefined;
};

export const submitLogin = async (ctx: IdentityContext, flowId: string | undefined, rawBody: unknown, req: LoginSubmitRequest): Promise<SubmitOutcome> => {
  const startedAt = ctx.now();
  const flow = await loadFlow(ctx, 'login', flowId, req.flow);
  await ensureNotExpired(ctx, flow, () => recreateLoginFlow(ctx, flow, req.csrfSecret));
  const sent = { cookie: req.csrfCookie, token: req.csrfToken };
  const traced = { startedAt, request: req.request };
  try {
    checkCsrf(ctx, flow, sent);
  } catch (err) {
    if (err instanceof SecurityCsrfViolation) {
      traceLoginSubmit(ctx, flow, { ...traced, method: '', csrf: csrfFacts(flow, sent, err.details.reject_reason), outcome: 'refused', errorCode: err.id });
    }
    throw err;
  }
  const csrf = csrfFacts(flow, sent);
  const body = normalizeBody(rawBody);
  const method = submittedMethod(body);
  try {
    return await submitChecked(ctx, flow, body, req, { ...traced, method, csrf });
  } catch (err) {
    // Refused by a rule rather than the form: a session that may not log in again, a step-up whose first session ended, a rate limit.
    if (err instanceof IdentityError) traceLoginSubmit(ctx, flow, { ...traced, method, csrf, outcome: 'refused', errorCode: err.id, identityId: req.current?.identity.id });
    throw err;
  }
};

type Traced = Pick<SubmitTrace, 'startedAt' | 'request' | 'method' | 'csrf'>;

/** The submission of a live flow whose CSRF check passed: the strategy decides. */
const submitChecked = async (ctx: IdentityContext, flow: SelfServiceFlow, body: FlowBody, req: LoginSubmitRequest, traced: Traced): Promise<SubmitOutcome> => {
  const { method } = traced;
  /** A refused submission (flows/rejected.ts), reported to the flow tracer with its message ids. */
  const refuse = async (err: FlowValidationError): Promise<SubmitOutcome> => {
    const outcome = await rejected(ctx, flow, body, err, method);
    const messageIds = err.messages.map((m) => m.id);
    traceLoginSubmit(ctx, flow, { ...traced, outcome: 'refused', errorCode: String(messageIds[0] ?? 'invalid'), messageIds, identityId: req.current?.identity.id });
    return outcome;
  };
  if (flow.state === 'passed_challenge') return refuse(new FlowValidationError([messages.loginAlreadyCompleted()]));
  const continued = continuedSession(flow, req.current);
  const redirecting = redirectStrategyFor(method);
  if (redirecting !== undefined && redirecting.flowNodes(ctx.config, flow).length > 0) {
    try {
      return { kind: 'redirect', flow, redirect: await redirecting.redirect(ctx, flow, body) };
    } catch (err) {
      if (err instanceof FlowValidationError) return refuse(err);
      throw err;
    }
  }
  const strategy = loginStrategyFor(method);
  // A method takes part only where it offers a form: no password at aal2, no TOTP as a first factor.
  if (strategy === undefined || strategy.loginNodes(flow, flow.requestedAal, undefined, ctx.config).length === 0) {
    return refuse(new FlowValidationError([messages.noLoginMethod()]));
  }
  let result: LoginResult | undefined;
  let outcome: SubmitOutcome;
  try {
    // Brute-force protection (protection/login-guard.ts): counted, delayed, or refused before any verification;
    // a success is settled with the new session's insert.
    const attempt = { flow, body, identity: continued?.identity, ip: req.device.ipAddress, lookup: strategy.credentialLookup?.(body) };
    const verify = async (lookedUp?: LookedUp) => (result = await strategy.login(ctx, flow, body, continued?.identity, lookedUp));
    outcome = await protectLogin(ctx, attempt, verify, waitFor, (verified, success) => completeLogin(ctx, flow, verified, continued, req, success));
  } catch (err) {
    // Only a refused verification is answered with the form; a failed completion is an error, as before.
    if (err instanceof FlowValidationError && result === undefined) return refuse(err);
    throw err;
  }
  if (outcome.kind === 'success' && result) {
    traceLoginSubmit(ctx, flow, { ...traced, outcome: 'ok', identityId: result.identity.id, aalReached: outcome.issued.session.authenticator_assurance_level });
  }
  return outcome;
};

/**
 * An OAuth2 login continues at the app, unless it needs a second factor this session lacks: then
 * the browser goes straight to an aal2 login flow for the same challenge (not back through the
 * login UI, whose prompt=login check would ask for the first factor again), and that flow's
 * success accepts the login request.
 */
const continueOAuth2 = async (ctx: IdentityContext, flow: SelfServiceFlow, identity: LoginResult['identity'], session: IssuedSession['session']): Promise<string> => {
  const known = { request: knownLoginRequest(flow), identity };
  const { redirectTo, steppingUp } = await continueOAuth2Login(ctx, flow.oauth2LoginChallenge, session, known);
  if (steppingUp) ctx.log.info({ flow_id: flow.id, identity_id: identity.id, trace_id: flow.internal.traceId }, 'OAuth2 login needs aal2: continuing with the second factor');
  return redirectTo;
};

/** A new session for a login the strategy (or the oidc callback) authenticated, and where the browser goes next. */
export const completeLogin = async (
  ctx: IdentityContext,
  flow: SelfServiceFlow,
  result: LoginResult,
  continued: CurrentSession | undefined,
  req: LoginSubmitRequest,
  success?: LoginSuccess,
): Promise<SubmitOutcome> => {
  const now = ctx.now();
  // A provider waiting on this flow to be linked (strategies/oidc/link.ts) joins the account that just signed in.
  result = { ...result, identity: await completePendingLink(ctx, flow, result.identity, result.method) };
  const method: AuthenticationMethod = { method: result.method, aal: result.aal, completed_at: new Date(now).toISOString() };
  // A step-up keeps the first factor of the session it completes; anything else starts over.
  const methods = flow.requestedAal === 'aal2' && continued ? [...continued.session.authentication_methods, method] : [method];
  const done: SelfServiceFlow = { ...flow, state: 'passed_challenge', active: result.method, internal: { ...flow.internal, updatedAt: now } };
  // The new session, the flow's end and the attempt's success are written together (one round trip on PostgreSQL).
  const issued = await issueSession(ctx, result.identity, methods, req.device, done, success);
  // The session this request came with ends: a new id at every (re-)authentication (ID-8).
  if (req.current) await ctx.storage.sessions.revokeSession(req.current.session.id, now);
  const oauth2 = flow.oauth2LoginChallenge ? await continueOAuth2(ctx, flow, result.identity, issued.session) : '';
  ctx.log.info(
    { flow_id: flow.id, identity_id: result.identity.id, session_id: issued.session.id, method: result.method, aal: issued.session.authenticator_assurance_level, trace_id: flow.internal.traceId },
    'login succeeded',
  );
  return {
    kind: 'success', flow: done, identity: result.identity, issued,
    redirectTo: oauth2 || flow.returnTo || ctx.config.selfservice.defaultBrowserReturnUrl,
    continuesOAuth2: oauth2 !== '',
  };
};
