/**
 * The selectors of GET /admin/trace-events (docs/compatibility.md §1.2): which stored events each
 * query parameter names, and `q`, one id of any kind, which tries the selectors in the order a person
 * most likely pasted them (a trace id, an X-Request-Id, an error page's id, a challenge, a flow id, then
 * a client or identity id, which name many traces). The first selector that finds events wins.
 */
import type { TraceEvent, TraceRecentQuery, TraceStore } from '@olympus/trace';

export const TRACE_SELECTORS = ['trace_id', 'request_id', 'error_id', 'challenge', 'flow_id', 'client_id', 'identity_id'] as const;
export type TraceSelector = (typeof TRACE_SELECTORS)[number];

const RECENT_FIELD: Record<Exclude<TraceSelector, 'trace_id'>, keyof TraceRecentQuery> = {
  request_id: 'requestId', error_id: 'errorId', challenge: 'challengeId', flow_id: 'flowId', client_id: 'clientId', identity_id: 'identityId',
};

const byTime = (a: TraceEvent, b: TraceEvent): number => Date.parse(a.time) - Date.parse(b.time);

/** Every event of the traces the newest matching events belong to, oldest first, the newest `limit` kept. */
const chainsAround = async (store: TraceStore, matching: TraceEvent[], limit: number): Promise<TraceEvent[]> => {
  const traceIds = [...new Set(matching.map((e) => e.traceId))];
  const chains = await Promise.all(traceIds.map((id) => store.listByTrace(id)));
  // A stable sort keeps each chain's own order (time, then insertion) among equal times.
  return chains.flat().sort(byTime).slice(-limit);
};

/** The events one selector names; `since` (epoch ms) keeps only the events at or after it. */
export const selectTraceEvents = async (store: TraceStore, name: TraceSelector, value: string, limit: number, since?: number): Promise<TraceEvent[]> => {
  if (name === 'trace_id') {
    const chain = await store.listByTrace(value);
    return (since === undefined ? chain : chain.filter((e) => Date.parse(e.time) >= since)).slice(0, limit);
  }
  const matching = await store.listRecent({ [RECENT_FIELD[name]]: value, limit, ...(since === undefined ? {} : { since }) });
  const chains = await chainsAround(store, matching, limit);
  return since === undefined ? chains : chains.filter((e) => Date.parse(e.time) >= since);
};

/** `q`: the first selector under which `value` names events, or none. */
export const selectAny = async (store: TraceStore, value: string, limit: number, since?: number): Promise<{ matched?: TraceSelector; events: TraceEvent[] }> => {
  for (const name of TRACE_SELECTORS) {
    const events = await selectTraceEvents(store, name, value, limit, since);
    if (events.length > 0) return { matched: name, events };
  }
  return { events: [] };
};
