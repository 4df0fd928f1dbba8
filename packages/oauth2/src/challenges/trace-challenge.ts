/**
 * What the flow tracer (docs/operations/tracing.md) says of a login or consent challenge that could
 * not be handled: the core's error code (`request_handled`, `request_expired`, `not_found`), where
 * the flow stood, how old the challenge was and when it was handled, so an expired challenge (the user
 * idled) reads differently from one submitted twice (a double submit, the back button).
 */
import { randomUUID } from 'node:crypto';
import type { TraceReport } from '../context.ts';
import { OAuth2Error } from '../errors.ts';
import type { Flow } from '../flows/flow.ts';
import type { ChallengeKind } from './handled.ts';

export const isoOrNull = (epochMs: number | undefined | null): string | null =>
  epochMs === undefined || epochMs === null ? null : new Date(epochMs).toISOString();

/** When the login or consent step of the flow was settled, if it was. */
const handledAt = (flow: Flow, kind: ChallengeKind): number | undefined =>
  kind === 'login' ? flow.loginHandledAt : (flow.consent?.handledAt ?? flow.consentRejectedAt);

export const challengeAgeMs = (flow: Flow, now: number): number => Math.max(0, now - flow.requestedAt);

/** The ids of a challenge's report: its flow's trace when the flow is known, else the HTTP request's (or a new one). */
export const challengeIds = (
  flow: Flow | undefined, challenge: string, requestId: string | undefined,
): Pick<TraceReport, 'traceId' | 'clientId' | 'flowId' | 'challengeId'> => ({
  traceId: flow?.traceId || requestId || randomUUID(),
  clientId: flow?.clientId,
  flowId: flow?.id,
  challengeId: challenge || undefined,
});

/** The error code and evidence of a challenge refused because it is unknown, expired or already handled. */
export const closedChallengeFacts = (
  flow: Flow | undefined, kind: ChallengeKind, err: unknown, now: number,
): { errorCode: string; evidence: Record<string, unknown> } => ({
  errorCode: err instanceof OAuth2Error ? err.error : 'server_error',
  evidence: {
    state: flow?.state ?? null,
    challenge_age_ms: flow === undefined ? null : challengeAgeMs(flow, now),
    handled_at: flow === undefined ? null : isoOrNull(handledAt(flow, kind)),
    error_hint: err instanceof OAuth2Error ? (err.hint ?? null) : null,
  },
});
