/**
 * Stop 4 of the flow tracer (docs/operations/tracing.md): a login submission, signed in or refused,
 * with the evidence that explains it: the method, whether the CSRF cookie and token were present
 * and matched (seed 003's CSRF violations), the message ids of a refusal, and the authenticator level
 * reached next to the one required, the Origin the browser sent next to the public origin and the
 * names of the cookies it carried (a CSRF cookie that never arrived: another domain, SameSite, a form
 * served from elsewhere). Never a value of the form, the cookie or the token.
 */
import type { IdentityContext } from '../../context.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { expectedOrigin, type RequestFacts } from '../request-facts.ts';
import { loginMethodLabel, type LoginOutcome } from '../../metrics-port.ts';

export interface CsrfFacts {
  cookie_present: boolean;
  token_present: boolean;
  /** null when it was not compared (a half was missing) or the flow has no CSRF (api flows). */
  equal: boolean | null;
}

/** What the CSRF check saw: the reason it refused (csrf/hints.ts), or nothing when it passed. */
export const csrfFacts = (flow: SelfServiceFlow, sent: { cookie?: string; token?: string }, rejectReason?: unknown): CsrfFacts | null => {
  if (flow.type !== 'browser') return null;
  const [cookie, token] = [Boolean(sent.cookie), Boolean(sent.token)];
  if (rejectReason === undefined) return { cookie_present: cookie, token_present: token, equal: true };
  return { cookie_present: cookie, token_present: token, equal: rejectReason === 'token_mismatch' ? false : null };
};

/** The OAuth2 login's trace id; a login without one is a trace of its own, named by the flow. */
export const traceIdOf = (flow: SelfServiceFlow): string =>
  typeof flow.internal.traceId === 'string' && flow.internal.traceId !== '' ? flow.internal.traceId : flow.id;

export interface SubmitTrace {
  startedAt: number;
  method: string;
  csrf: CsrfFacts | null;
  outcome: 'ok' | 'refused';
  errorCode?: string;
  messageIds?: number[];
  identityId?: string;
  aalReached?: string;
  request?: RequestFacts;
}

/**
 * The request's side of a CSRF check. Flat members, not inside `csrf`: that object keeps its three
 * members (cookie, token, equal) as documented in docs/operations/tracing.md.
 */
const requestEvidence = (ctx: IdentityContext, request: RequestFacts | undefined) => ({
  csrf_origin_sent: request?.origin ?? null,
  csrf_origin_expected: expectedOrigin(ctx.config.serve.public.url),
  cookies_received: request?.cookieNames ?? [],
});

/** The lockout refusal's message id (ui/messages.ts loginLockedOut), told apart from a wrong secret. */
const LOCKED_OUT_MESSAGE = 4010901;

const outcomeOf = (t: SubmitTrace): LoginOutcome =>
  t.outcome === 'ok' ? 'success' : t.messageIds?.includes(LOCKED_OUT_MESSAGE) === true ? 'locked_out' : 'refused';

/** Every decided submission is reported here, so the operator's login counter is kept here too. */
export const traceLoginSubmit = (ctx: IdentityContext, flow: SelfServiceFlow, t: SubmitTrace): void => {
  ctx.metrics?.loginSubmitted(loginMethodLabel(t.method), outcomeOf(t));
  ctx.trace?.({
    traceId: traceIdOf(flow), stop: 'login_submitted', outcome: t.outcome, startedAt: t.startedAt, durationMs: ctx.now() - t.startedAt,
    ...(t.errorCode === undefined ? {} : { errorCode: t.errorCode }),
    requestId: t.request?.requestId, flowId: flow.id, identityId: t.identityId, challengeId: flow.oauth2LoginChallenge || undefined,
    clientId: flow.internal.oauth2Request?.clientId,
    evidence: {
      method: t.method || null, flow_type: flow.type, csrf: t.csrf, message_ids: t.messageIds ?? [],
      aal_required: flow.requestedAal, aal_reached: t.aalReached ?? null, ...requestEvidence(ctx, t.request),
    },
  });
};
