/**
 * Finds the events an id names: one id the user copied from a log, an error page or the console may
 * be a trace id, an X-Request-Id, a client id or an identity id, so each selector of
 * GET /admin/trace-events is tried in turn and the first that answers events wins.
 */
import type { ApiClient } from '../http/api-client.ts';
import { TRACE_SELECTORS, type TraceEventResponse, type TraceSelector } from './trace-event.ts';

export interface FoundTrace {
  matched: TraceSelector;
  events: TraceEventResponse[];
}

export const findTrace = async (api: ApiClient, id: string, pageSize?: number): Promise<FoundTrace | undefined> => {
  for (const selector of TRACE_SELECTORS) {
    const response = await api.request('GET', '/admin/trace-events', { query: { [selector]: id, page_size: pageSize?.toString() } });
    const events = Array.isArray(response.body) ? (response.body as TraceEventResponse[]) : [];
    if (events.length > 0) return { matched: selector, events };
  }
  return undefined;
};
