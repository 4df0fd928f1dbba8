/**
 * Stops 2 and 5 of the flow tracer (docs/operations/tracing.md): a login UI read the login request
 * (`login_request`: whether it may skip the form, how long the challenge has left), and the login
 * request was accepted or rejected (`login_accepted`). The skip-login loop of a custom login UI reads
 * from these two: a `login_request` with skip=true and no `login_accepted` after it.
 */
import type { OAuth2Context } from '../context.ts';
import type { Flow, LoginResult, RejectRequest } from '../flows/flow.ts';
import { challengeAgeMs, challengeIds, closedChallengeFacts } from './trace-challenge.ts';

export interface ChallengeTrace {
  startedAt: number;
  challenge: string;
  /** The HTTP request's id; it names the trace of a challenge that names no flow. */
  requestId?: string;
}

const timing = (ctx: OAuth2Context, t: ChallengeTrace) => ({ startedAt: t.startedAt, durationMs: ctx.now() - t.startedAt, requestId: t.requestId });

/** The login UI got the pending request (ok), or an unknown, expired or handled challenge (refused). */
export const traceLoginRequestRead = (ctx: OAuth2Context, t: ChallengeTrace, flow: Flow | undefined, err?: unknown): void => {
  if (ctx.trace === undefined) return;
  const now = ctx.now();
  const ids = { ...challengeIds(flow, t.challenge, t.requestId), ...timing(ctx, t), stop: 'login_request' as const };
  if (err !== undefined || flow === undefined) {
    ctx.trace({ ...ids, outcome: 'refused', ...closedChallengeFacts(flow, 'login', err, now) });
    return;
  }
  ctx.trace({
    ...ids, outcome: 'ok',
    evidence: { skip: flow.loginSkip, subject_known: flow.skipSubject !== '', challenge_age_ms: challengeAgeMs(flow, now), expires_in_ms: flow.expiresAt - now },
  });
};

/** The login request was accepted (ok) or rejected by the UI (refused with the rejection's error). */
export const traceLoginSettled = (ctx: OAuth2Context, t: ChallengeTrace, flow: Flow, settled: { login?: LoginResult; rejection?: RejectRequest }): void => {
  if (ctx.trace === undefined) return;
  const ids = { ...challengeIds(flow, t.challenge, t.requestId), ...timing(ctx, t), stop: 'login_accepted' as const };
  const { login, rejection } = settled;
  if (login === undefined) {
    ctx.trace({ ...ids, outcome: 'refused', errorCode: rejection?.error, evidence: { rejection_description: rejection?.error_description ?? null } });
    return;
  }
  ctx.trace({
    ...ids, outcome: 'ok', identityId: login.subject,
    evidence: {
      skip: flow.loginSkip, remember: login.remember, acr: login.acr, amr: login.amr,
      completed_in_identity_session: Boolean(login.completedInIdentitySession),
    },
  });
};

/** Accepting or rejecting failed: the challenge is unknown, expired or handled, or the accept was invalid. */
export const traceLoginSettleRefused = (ctx: OAuth2Context, t: ChallengeTrace, flow: Flow | undefined, err: unknown): void => {
  if (ctx.trace === undefined) return;
  ctx.trace({
    ...challengeIds(flow, t.challenge, t.requestId), ...timing(ctx, t), stop: 'login_accepted', outcome: 'refused',
    ...closedChallengeFacts(flow, 'login', err, ctx.now()),
  });
};
