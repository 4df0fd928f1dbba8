/**
 * Route schemas of Olympus' admin extensions that read logs (docs/compatibility.md §1.2): the audit
 * log and the flow tracer's events. Their readers keep the refusals of filters and selectors.
 */
import { Type } from '@sinclair/typebox';
import { errorResponses, queryOf } from '../openapi/kit.ts';

const nullableString = Type.Union([Type.String(), Type.Null()]);
const errors = errorResponses('oauth2');

const AuditEvent = Type.Object({
  id: Type.String(), time: Type.Unknown({ description: 'When it happened' }), actor: Type.Object({}), action: Type.String(), target: Type.Object({}),
  diff: Type.Array(Type.Object({ path: Type.String() })), details: Type.Optional(Type.Unknown()), request_id: nullableString, outcome: Type.String(),
}, { description: 'An audit event (docs/operations/audit.md), secrets redacted' });

const TraceEvent = Type.Object({
  schema_version: Type.Integer(), trace_id: Type.String(), stop: Type.String(), time: Type.Unknown(), duration_ms: Type.Unknown(), outcome: Type.String(),
  error_code: nullableString, error_id: nullableString, request_id: nullableString, client_id: nullableString, identity_id: nullableString,
  challenge_id: nullableString, flow_id: nullableString, evidence: Type.Unknown(),
}, { description: "A flow tracer's event (docs/operations/tracing.md), evidence redacted" });

export const eventSchemas = {
  audit: { tags: ['olympus'], operationId: 'listAuditEvents', summary: 'The audit log, newest first (keyset pages, Link header)',
    querystring: queryOf({ actor: 'Actor id', target: 'Target id', target_type: 'Target type', action: 'An action or a family such as client.secret', page_size: 'Items per page', page_token: 'From the Link header' }),
    response: { 200: Type.Array(AuditEvent, { description: 'A page of audit events' }), ...errors } },
  traces: { tags: ['olympus'], operationId: 'listTraceEvents', summary: "The flow tracer's events of one or more traces, in time order",
    querystring: queryOf({
      trace_id: 'Selector', request_id: 'Selector', error_id: 'Selector', challenge: 'Selector', flow_id: 'Selector', client_id: 'Selector', identity_id: 'Selector',
      q: 'Any of these ids', since: 'RFC 3339: only events at or after it', page_size: 'At most 500 events',
    }),
    response: { 200: Type.Array(TraceEvent, { description: 'The events; x-trace-matched names the selector that found them' }), ...errors } },
};
