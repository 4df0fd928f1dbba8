/**
 * The flow tracer's stops at the login verifier (docs/operations/tracing.md): `consent_shown` when the
 * consent challenge is made — skipped or not, and each fact the skip decision weighed, so "why was
 * consent shown to my trusted app?" has an answer — and a verifier refused at /oauth2/auth, reported
 * as its step's stop (`login_accepted` or `consent_decided`) with the reason, e.g. a login completed
 * in another browser (docs/security.md AS-21).
 */
import { randomUUID } from 'node:crypto';
import type { OAuth2Context } from '../context.ts';
import type { Flow } from '../flows/flow.ts';
import type { ConsentSkipReasons } from './consent-skip.ts';
import type { AuthorizeRejected } from './rejection.ts';

export interface ConsentShown {
  startedAt: number;
  skip: boolean;
  /** Settles after the request when a fact was looked up for the tracer alone (consent-skip.ts). */
  reasons: Promise<ConsentSkipReasons>;
  /** The error sent to the client instead of a consent challenge (prompt=none without a skip). */
  refusedWith?: string;
}

/**
 * Hera, the consent UI Olympus ships, also grants consent without a page to the clients named in
 * `hera.first_party_clients` (apps/hera/src/consent.ts), which the core's skip does not weigh: such a
 * client counts as first-party and its consent as skipped, or the trace would call it shown. The
 * report is made once every fact is known; its duration is the request's, not the tracer's lookup.
 */
export const traceConsentShown = (ctx: OAuth2Context, flow: Flow, next: Flow, shown: ConsentShown): void => {
  if (ctx.trace === undefined) return;
  const heraFirstParty = ctx.config.hera.firstPartyClients.includes(flow.clientId);
  const durationMs = ctx.now() - shown.startedAt;
  void shown.reasons.then((reasons) => ctx.trace?.({
    traceId: flow.traceId, stop: 'consent_shown', outcome: shown.refusedWith === undefined ? 'ok' : 'refused', errorCode: shown.refusedWith,
    startedAt: shown.startedAt, durationMs,
    clientId: flow.clientId, identityId: flow.login?.subject, flowId: flow.id, challengeId: next.consentChallenge ?? undefined,
    evidence: {
      skip: shown.skip || (heraFirstParty && shown.refusedWith === undefined),
      skip_reasons: { ...reasons, first_party: reasons.first_party || heraFirstParty },
      requested_scopes: flow.request.scope,
    },
  }));
};

/** Why a verifier coming back to /oauth2/auth was refused. */
export type VerifierRefusal = 'unknown_verifier' | 'flow_cookie_missing' | 'flow_cookie_mismatch' | 'completed_in_another_browser' | 'verifier_used';

export const traceVerifierRefused = (
  ctx: OAuth2Context, kind: 'login' | 'consent', flow: Flow | undefined, rejected: AuthorizeRejected, reason: VerifierRefusal, startedAt: number,
): void => {
  ctx.trace?.({
    traceId: flow?.traceId ?? randomUUID(), stop: kind === 'login' ? 'login_accepted' : 'consent_decided', outcome: 'refused',
    errorCode: rejected.error.error, startedAt, durationMs: ctx.now() - startedAt,
    clientId: flow?.clientId, identityId: flow?.login?.subject, flowId: flow?.id,
    challengeId: (kind === 'login' ? flow?.loginChallenge : flow?.consentChallenge) ?? undefined,
    evidence: { reason, state: flow?.state ?? null, error_hint: rejected.error.hint ?? null },
  });
};
