import type { OAuth2Context } from '../context.ts';
import type { Flow } from '../flows/flow.ts';
import { NotFound, RequestExpired, RequestHandled, type ClosedRequest } from '../errors.ts';
import { endpointsOf, withParam } from '../endpoints.ts';
import type { ConsentRequest, LoginRequest } from './requests.ts';

export type ChallengeKind = 'login' | 'consent';
export type ChallengeStatus = 'pending' | ClosedRequest['status'];

const PENDING = { login: 'login_pending', consent: 'consent_pending' } as const;

/** Where the login/consent request stands, for GET answers and `olympus get login-request`. */
export const statusOf = (flow: Flow, kind: ChallengeKind, now: number): ChallengeStatus => {
  if (kind === 'login') {
    if (flow.state === 'login_pending') return flow.expiresAt <= now ? 'expired' : 'pending';
    if (flow.state === 'login_accepted') return 'accepted';
    if (flow.state === 'login_rejected') return 'rejected';
    return 'used';
  }
  if (flow.state === 'consent_pending') return flow.expiresAt <= now ? 'expired' : 'pending';
  if (flow.state === 'consent_accepted') return 'accepted';
  if (flow.state === 'consent_rejected') return 'rejected';
  return 'used';
};

export const verifierUrl = (ctx: OAuth2Context, kind: ChallengeKind, verifier: string): string =>
  withParam(endpointsOf(ctx.config).authorization, `${kind}_verifier`, verifier);

/**
 * A request that can no longer be handled answers 410. The error carries where it stands
 * (`closed`): an accepted or rejected request continues at its verifier, a used or expired one
 * restarts the flow. Only the admin API shows that to its caller (Hydra's `redirect_to`, so a UI hit
 * by a double submit can carry on); nothing puts it in a body by default.
 */
type Described = { kind: 'login'; request: LoginRequest } | { kind: 'consent'; request: ConsentRequest };

export const notPending = (ctx: OAuth2Context, flow: Flow, described: Described): Error => {
  const { kind } = described;
  const status = statusOf(flow, kind, ctx.now());
  if (status === 'pending') throw new Error('notPending called for a pending request');
  const verifier = kind === 'login' ? flow.loginVerifier : flow.consentVerifier;
  if (status === 'expired') {
    const expired = new RequestExpired(`The ${kind} request has expired.`, {
      hint: 'The user took longer than ttl.login_consent_request. Send the browser to redirect_to to start the authorization again.',
    });
    expired.closed = { ...described, status, redirectTo: flow.request.requestUrl };
    expired.traceId = flow.traceId;
    return expired;
  }
  const redirectTo = (status === 'accepted' || status === 'rejected') && verifier ? verifierUrl(ctx, kind, verifier) : flow.request.requestUrl;
  const handled = new RequestHandled(`The ${kind} request was already ${status === 'used' ? 'used' : status}.`, {
    hint: `A ${kind} challenge is handled once. Send the browser to redirect_to to continue.`,
  });
  handled.closed = { ...described, status, redirectTo };
  handled.traceId = flow.traceId;
  return handled;
};

export const isPending = (flow: Flow, kind: ChallengeKind, now: number): boolean =>
  flow.state === PENDING[kind] && flow.expiresAt > now;

export const unknownChallenge = (kind: ChallengeKind): NotFound =>
  new NotFound(`The ${kind} challenge is unknown.`, {
    hint: `Pass the ${kind}_challenge query parameter exactly as Olympus sent it to the ${kind} UI.`,
  });
