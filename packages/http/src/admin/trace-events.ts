/**
 * GET /admin/trace-events (an Olympus extension, docs/compatibility.md §1.2; docs/operations/tracing.md):
 * the flow tracer's events selected by exactly one of `trace_id`, `request_id`, `error_id`, `challenge`,
 * `flow_id`, `client_id`, `identity_id` or `q` (any of these ids, tried in that order), optionally only
 * those at or after `since` (RFC 3339), in the order the stops happened. A selector other than a trace
 * id names the traces it appears in, and every event of those traces is answered (the newest traces
 * first chosen, up to `page_size` events), so the chain around the matching stop reads whole. The
 * answer stays a plain array; the `x-trace-matched` header says which selector found it.
 */
import type { FastifyRequest } from 'fastify';
import type { TraceEvent } from '@olympus/trace';
import { InvalidRequest } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { readPageSize } from '../paging.ts';
import { singleQueryParam } from './query.ts';
import { eventSchemas } from './events.schema.ts';
import { selectAny, selectTraceEvents, TRACE_SELECTORS, type TraceSelector } from './trace-event-selectors.ts';

const LIST_PATH = '/admin/trace-events';
const PARAMETERS = [...TRACE_SELECTORS, 'q'] as const;
type Parameter = (typeof PARAMETERS)[number];

/** The event at the edge: snake_case, like every other admin answer. */
export const traceEventWire = (e: TraceEvent) => ({
  schema_version: e.schemaVersion,
  trace_id: e.traceId,
  stop: e.stop,
  time: e.time,
  duration_ms: e.durationMs,
  outcome: e.outcome,
  error_code: e.errorCode ?? null,
  error_id: e.errorId ?? null,
  request_id: e.requestId ?? null,
  client_id: e.clientId ?? null,
  identity_id: e.identityId ?? null,
  challenge_id: e.challengeId ?? null,
  flow_id: e.flowId ?? null,
  evidence: e.evidence,
});

const readSelector = (req: FastifyRequest): { name: Parameter; value: string } => {
  const query = req.query as Record<string, unknown>;
  const given = PARAMETERS.filter((name) => query[name] !== undefined && query[name] !== '');
  if (given.length !== 1) {
    throw new InvalidRequest(
      given.length === 0
        ? 'Send one of the query parameters trace_id, request_id, client_id or identity_id, or error_id, challenge, flow_id, or q for any of these ids.'
        : `Send only one of the query parameters trace_id, request_id, client_id or identity_id (or error_id, challenge, flow_id, q), not ${given.join(' and ')}.`,
    );
  }
  const name = given[0]!;
  return { name, value: singleQueryParam(req, name)! };
};

/** `since`: an RFC 3339 date-time (RFC 3339 §5.6) with a zone, as epoch ms. */
const readSince = (req: FastifyRequest): number | undefined => {
  const raw = singleQueryParam(req, 'since');
  if (raw === undefined) return undefined;
  const time = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(time)) throw new InvalidRequest(`since must be an RFC 3339 date-time such as 2026-01-01T12:00:00Z, but is ${JSON.stringify(raw)}.`);
  return time;
};

export const registerTraceEventRoutes: RegisterRoutes = (app, { traceEvents }) => {
  if (traceEvents === undefined) return;
  app.get(LIST_PATH, { schema: eventSchemas.traces }, async (req, reply) => {
    const { name, value } = readSelector(req);
    const limit = readPageSize(singleQueryParam(req, 'page_size'));
    const since = readSince(req);
    const found: { matched?: TraceSelector; events: TraceEvent[] } = name === 'q'
      ? await selectAny(traceEvents, value, limit, since)
      : { matched: name, events: await selectTraceEvents(traceEvents, name, value, limit, since) };
    reply.header('cache-control', 'no-store');
    if (found.matched !== undefined && found.events.length > 0) reply.header('x-trace-matched', found.matched);
    return found.events.map(traceEventWire);
  });
};
