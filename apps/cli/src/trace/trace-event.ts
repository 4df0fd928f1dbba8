/**
 * A trace event as GET /admin/trace-events answers it (docs/compatibility.md §1.2,
 * docs/operations/tracing.md), and the same event in @olympus/trace's shape for the diagnosis.
 */
import { isTraceStop, type TraceEvent } from '@olympus/trace';

export interface TraceEventResponse {
  schema_version: number;
  trace_id: string;
  stop: string;
  time: string;
  duration_ms: number;
  outcome: 'ok' | 'refused' | 'error';
  error_code: string | null;
  error_id?: string | null;
  request_id: string | null;
  client_id: string | null;
  identity_id: string | null;
  challenge_id: string | null;
  flow_id: string | null;
  evidence: Record<string, unknown>;
}

/** The endpoint's selectors, in the order its `q` tries them; `email` is resolved by the CLI to an identity id. */
export const TRACE_SELECTORS = ['trace_id', 'request_id', 'error_id', 'challenge', 'flow_id', 'client_id', 'identity_id'] as const;
export type TraceSelector = (typeof TRACE_SELECTORS)[number] | 'email';

export const isTraceSelector = (value: string | null): value is TraceSelector =>
  value === 'email' || (TRACE_SELECTORS as readonly string[]).includes(value ?? '');

const optional = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value === '' ? undefined : value);

/** The event in @olympus/trace's shape, its id made from its place in the trace; a stop this CLI does not know (a newer server's) is left out of the diagnosis. */
export const toTraceEvent = (e: TraceEventResponse, index: number): TraceEvent | undefined => {
  if (!isTraceStop(e.stop)) return undefined;
  return {
    schemaVersion: e.schema_version, id: `${e.trace_id}#${index}`, traceId: e.trace_id, stop: e.stop, time: e.time, durationMs: e.duration_ms,
    outcome: e.outcome, errorCode: optional(e.error_code), errorId: optional(e.error_id), requestId: optional(e.request_id),
    clientId: optional(e.client_id), identityId: optional(e.identity_id), challengeId: optional(e.challenge_id), flowId: optional(e.flow_id),
    evidence: e.evidence ?? {},
  };
};
