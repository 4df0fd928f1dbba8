/**
 * GET /admin/trace-events (an Olympus extension, docs/compatibility.md §1.2; docs/operations/tracing.md):
 * the flow tracer's events selected by exactly one of `trace_id`, `request_id`, `client_id` or
 * `identity_id`, in the order the stops happened. A request id, client or identity names the traces
 * it appears in, and every event of those traces is answered (the newest traces first chosen, up to
 * `page_size` events), so the chain around the matching stop reads whole.
 */
import type { FastifyRequest } from 'fastify';
import type { TraceEvent, TraceStore } from '@olympus/trace';
import { InvalidRequest } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { readPageSize } from '../paging.ts';

const LIST_PATH = '/admin/trace-events';
const SELECTORS = ['trace_id', 'request_id', 'client_id', 'identity_id'] as const;
type Selector = (typeof SELECTORS)[number];

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

const readSelector = (req: FastifyRequest): { name: Selector; value: string } => {
  const query = req.query as Record<string, unknown>;
  const given = SELECTORS.filter((name) => query[name] !== undefined && query[name] !== '');
  if (given.length !== 1) {
    throw new InvalidRequest(
      given.length === 0
        ? 'Send one of the query parameters trace_id, request_id, client_id or identity_id.'
        : `Send only one of the query parameters trace_id, request_id, client_id or identity_id, not ${given.join(' and ')}.`,
    );
  }
  const name = given[0]!;
  const value = query[name];
  if (typeof value !== 'string') throw new InvalidRequest(`Query parameter ${name} was given more than once; send it once.`);
  return { name, value };
};

const byTime = (a: TraceEvent, b: TraceEvent): number => Date.parse(a.time) - Date.parse(b.time);

/** Every event of the traces the newest matching events belong to, oldest first, the newest `limit` kept. */
const chainsAround = async (store: TraceStore, matching: TraceEvent[], limit: number): Promise<TraceEvent[]> => {
  const traceIds = [...new Set(matching.map((e) => e.traceId))];
  const chains = await Promise.all(traceIds.map((id) => store.listByTrace(id)));
  // A stable sort keeps each chain's own order (time, then insertion) among equal times.
  return chains.flat().sort(byTime).slice(-limit);
};

const select = async (store: TraceStore, { name, value }: { name: Selector; value: string }, limit: number): Promise<TraceEvent[]> => {
  if (name === 'trace_id') return (await store.listByTrace(value)).slice(0, limit);
  const query = name === 'request_id' ? { requestId: value } : name === 'client_id' ? { clientId: value } : { identityId: value };
  return chainsAround(store, await store.listRecent({ ...query, limit }), limit);
};

export const registerTraceEventRoutes: RegisterRoutes = (app, { traceEvents }) => {
  if (traceEvents === undefined) return;
  app.get(LIST_PATH, async (req, reply) => {
    const selector = readSelector(req);
    const pageSizeRaw = (req.query as Record<string, unknown>).page_size;
    if (Array.isArray(pageSizeRaw)) throw new InvalidRequest('Query parameter page_size was given more than once; send it once.');
    const events = await select(traceEvents, selector, readPageSize(pageSizeRaw));
    reply.header('cache-control', 'no-store');
    return events.map(traceEventWire);
  });
};
