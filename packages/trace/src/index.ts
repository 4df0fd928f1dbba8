export { TRACE_STOPS, isTraceStop, type TraceStop } from './stops.ts';
export { TRACE_OUTCOMES, TRACE_SCHEMA_VERSION, type TraceEvent, type TraceEvidence, type TraceOutcome } from './event.ts';
export { REDACTED, looksSecret, redactEvidence } from './redact.ts';
export { newTraceEvent, type TraceNote } from './new-event.ts';
export type { TraceCountQuery, TraceRecentQuery, TraceStore } from './store.ts';
export type { DiagnoseTrace, EvidenceLine, FindingLevel, TraceDiagnosis, TraceFinding } from './diagnose/finding.ts';
export { diagnoseTrace } from './diagnose/diagnose.ts';
export { CAUSE_PAGES, TRACE_CAUSES, causeAnchor, causeDocPage, errorDocPage, type TraceCause } from './diagnose/doc-pages.ts';
