/**
 * Finds the events an id names: one id the user copied from a log, an error page or the console may
 * be a trace id, an X-Request-Id, an error id, a challenge, a flow id, a client id or an identity id —
 * GET /admin/trace-events tries them in that order for `q` and says which matched (`x-trace-matched`).
 * An email (it contains `@`) names an identity: it is resolved through GET /admin/identities first.
 */
import type { ApiClient } from '../http/api-client.ts';
import { isTraceSelector, type TraceEventResponse, type TraceSelector } from './trace-event.ts';

export interface TraceQuery {
  pageSize?: number;
  /** RFC 3339. */
  since?: string;
}

export interface FoundTrace {
  matched: TraceSelector;
  /** The selector and value that answer this selection again (for --follow). */
  selection: { name: string; value: string };
  events: TraceEventResponse[];
}

const eventsOf = async (api: ApiClient, name: string, value: string, query: TraceQuery): Promise<{ events: TraceEventResponse[]; matched: string | null }> => {
  const response = await api.request('GET', '/admin/trace-events', { query: { [name]: value, page_size: query.pageSize?.toString(), since: query.since } });
  return { events: Array.isArray(response.body) ? (response.body as TraceEventResponse[]) : [], matched: response.headers.get('x-trace-matched') };
};

const identityByEmail = async (api: ApiClient, email: string): Promise<string | undefined> => {
  const response = await api.request('GET', '/admin/identities', { query: { credentials_identifier: email, page_size: '1' } });
  const [identity] = Array.isArray(response.body) ? (response.body as { id?: unknown }[]) : [];
  return typeof identity?.id === 'string' ? identity.id : undefined;
};

/** The events of one selection, again: what --follow polls. */
export const readSelection = async (api: ApiClient, selection: FoundTrace['selection'], query: TraceQuery): Promise<TraceEventResponse[]> =>
  (await eventsOf(api, selection.name, selection.value, query)).events;

export const findTrace = async (api: ApiClient, id: string, query: TraceQuery = {}): Promise<FoundTrace | undefined> => {
  if (id.includes('@')) {
    const identityId = await identityByEmail(api, id);
    if (identityId === undefined) return undefined;
    const selection = { name: 'identity_id', value: identityId };
    const { events } = await eventsOf(api, selection.name, selection.value, query);
    return events.length > 0 ? { matched: 'email', selection, events } : undefined;
  }
  const { events, matched } = await eventsOf(api, 'q', id, query);
  if (events.length === 0 || !isTraceSelector(matched)) return undefined;
  return { matched, selection: { name: matched, value: id }, events };
};
