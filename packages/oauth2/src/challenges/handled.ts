import type { OAuth2Context } from '../context.ts';
import type { Flow } from '../flows/flow.ts';
import { NotFound, RequestExpired, RequestHandled } from '../errors.ts';
import { endpointsOf, withParam } from '../endpoints.ts';

export type ChallengeKind = 'login' | 'consent';
export type ChallengeStatus = 'pending' | 'accepted' | 'rejected' | 'used' | 'expired';

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
 * A request that can no longer be handled answers 410 with `redirect_to`, so a UI hit by a double
 * submit, the back button or a slow user can carry on instead of stranding the user (ory-api.md §5 #3):
 * an accepted or rejected request continues where it went, a used or expired one restarts the flow.
 */
export const notPending = (ctx: OAuth2Context, flow: Flow, kind: ChallengeKind, request: unknown): Error => {
  const status = statusOf(flow, kind, ctx.now());
  const verifier = kind === 'login' ? flow.loginVerifier : flow.consentVerifier;
  const extra = { status, request };
  if (status === 'expired') {
    return new RequestExpired(`The ${kind} request has expired.`, {
      hint: `The user took longer than ttl.login_consent_request. Send the browser to redirect_to to start the authorization again.`,
      extra: { ...extra, redirect_to: flow.request.requestUrl },
    });
  }
  const redirectTo = (status === 'accepted' || status === 'rejected') && verifier ? verifierUrl(ctx, kind, verifier) : flow.request.requestUrl;
  return new RequestHandled(`The ${kind} request was already ${status === 'used' ? 'used' : status}.`, {
    hint: `A ${kind} challenge is handled once. Send the browser to redirect_to to continue.`,
    extra: { ...extra, redirect_to: redirectTo },
  });
};

export const isPending = (flow: Flow, kind: ChallengeKind, now: number): boolean =>
  flow.state === PENDING[kind] && flow.expiresAt > now;

export const unknownChallenge = (kind: ChallengeKind): NotFound =>
  new NotFound(`The ${kind} challenge is unknown.`, {
    hint: `Pass the ${kind}_challenge query parameter exactly as Olympus sent it to the ${kind} UI.`,
  });
