/**
 * One trace event: a decision of a login, recorded under the trace id that ties the chain together
 * (docs/operations/tracing.md describes every field). The schema is versioned: a reader that finds a
 * higher `schemaVersion` than it knows says so rather than misreading the event.
 */
import type { TraceStop } from './stops.ts';

export const TRACE_SCHEMA_VERSION = 1;

/** `ok`: the stop let the flow go on; `refused`: it stopped it for a reason the user or client caused; `error`: Olympus failed. */
export type TraceOutcome = 'ok' | 'refused' | 'error';

export const TRACE_OUTCOMES: readonly TraceOutcome[] = ['ok', 'refused', 'error'];

/** Evidence is plain JSON: what an explanation of the stop needs, never a secret (redact.ts). */
export type TraceEvidence = Record<string, unknown>;

export interface TraceEvent {
  schemaVersion: number;
  /** A UUID. */
  id: string;
  traceId: string;
  stop: TraceStop;
  /** When the stop began, RFC 3339 in UTC with milliseconds. */
  time: string;
  durationMs: number;
  outcome: TraceOutcome;
  /** The error code of a refusal (`invalid_request`, `security_csrf_violation`, a message id). */
  errorCode?: string;
  /** The id shown on an error page, where the stop knows it. */
  errorId?: string;
  requestId?: string;
  clientId?: string;
  identityId?: string;
  /** The login or consent challenge the stop served. */
  challengeId?: string;
  /** The OAuth2 flow's or the identity flow's id. */
  flowId?: string;
  evidence: TraceEvidence;
}
