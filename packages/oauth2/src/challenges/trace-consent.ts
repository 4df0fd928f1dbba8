/**
 * Stop 7 of the flow tracer (docs/operations/tracing.md): the consent request was accepted — the
 * scopes requested and granted, the names of the claims the ID token will carry and, when the consent
 * UI says so, which claims it left out and why (seed 003's missing claim) — or denied.
 */
import type { OAuth2Context } from '../context.ts';
import type { ConsentResult, Flow, RejectRequest } from '../flows/flow.ts';
import type { OmittedClaim } from './requests.ts';
import { challengeIds, closedChallengeFacts } from './trace-challenge.ts';
import type { ChallengeTrace } from './trace-login.ts';

const base = (ctx: OAuth2Context, t: ChallengeTrace, flow: Flow | undefined) => ({
  ...challengeIds(flow, t.challenge, t.requestId), stop: 'consent_decided' as const,
  startedAt: t.startedAt, durationMs: ctx.now() - t.startedAt, requestId: t.requestId, identityId: flow?.login?.subject,
});

export const traceConsentSettled = (
  ctx: OAuth2Context, t: ChallengeTrace, flow: Flow, settled: { consent?: ConsentResult; omitted?: readonly OmittedClaim[]; rejection?: RejectRequest },
): void => {
  if (ctx.trace === undefined) return;
  const { consent, rejection } = settled;
  if (consent === undefined) {
    ctx.trace({
      ...base(ctx, t, flow), outcome: 'refused', errorCode: rejection?.error,
      evidence: { requested_scopes: flow.request.scope, rejection_description: rejection?.error_description ?? null },
    });
    return;
  }
  ctx.trace({
    ...base(ctx, t, flow), outcome: 'ok',
    evidence: {
      requested_scopes: flow.request.scope, granted_scopes: consent.grantScope, granted_audience: consent.grantAudience,
      remember: consent.remember, id_token_claims: Object.keys(consent.session.id_token),
      id_token_claims_omitted: (settled.omitted ?? []).map(({ claim, reason }) => ({ claim, reason })),
    },
  });
};

/** Accepting or denying failed: the challenge is unknown, expired or handled, or the grant asked too much. */
export const traceConsentSettleRefused = (ctx: OAuth2Context, t: ChallengeTrace, flow: Flow | undefined, err: unknown): void => {
  if (ctx.trace === undefined) return;
  ctx.trace({ ...base(ctx, t, flow), outcome: 'refused', ...closedChallengeFacts(flow, 'consent', err, ctx.now()) });
};
