/** A trace event as GET /admin/trace-events answers it (docs/compatibility.md §1.2, docs/operations/tracing.md). */
export interface TraceEventResponse {
  schema_version: number;
  trace_id: string;
  stop: string;
  time: string;
  duration_ms: number;
  outcome: 'ok' | 'refused' | 'error';
  error_code: string | null;
  request_id: string | null;
  client_id: string | null;
  identity_id: string | null;
  challenge_id: string | null;
  flow_id: string | null;
  evidence: Record<string, unknown>;
}

/** The query parameters the endpoint selects by, in the order `olympus trace <id>` tries them. */
export const TRACE_SELECTORS = ['trace_id', 'request_id', 'client_id', 'identity_id'] as const;
export type TraceSelector = (typeof TRACE_SELECTORS)[number];
