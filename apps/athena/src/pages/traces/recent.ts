/**
 * The recent traces, newest activity first, filtered by client, identity (id or email) and outcome,
 * a page at a time. The store answers events, not traces, so the console reads the newest events that
 * match the filters, groups them into traces and reads each listed trace's whole chain; a page is an
 * offset into those traces.
 */
import { isUuid, type IdentityService } from '@olympus/identity';
import type { TraceRecentQuery, TraceStore } from '@olympus/trace';
import { tracesOf } from './search.ts';
import { summarize, type TraceSummary } from './summary.ts';

export const TRACES_PER_PAGE = 20;
/** How far back the list reaches, in events. */
export const SCANNED_EVENTS = 2000;
/** Chains read for one page at most, so an outcome filter that matches little stays cheap. */
const CHAINS_PER_PAGE = 200;

export type OutcomeFilter = '' | 'ok' | 'failed';

export interface RecentFilters {
  client: string;
  /** An identity id or an email. */
  identity: string;
  outcome: OutcomeFilter;
}

export interface RecentPage {
  rows: TraceSummary[];
  /** The offset of the next page, when more traces may follow. */
  next?: number;
  /** The identity filter names no identity. */
  unknownIdentity?: boolean;
}

const identityIdOf = async (people: IdentityService, text: string): Promise<string | undefined> => {
  if (isUuid(text)) return text;
  const { identities } = await people.list({ pageSize: 1, credentialsIdentifier: text });
  return identities[0]?.id;
};

const candidates = async (store: TraceStore, selectors: Partial<TraceRecentQuery>, outcome: OutcomeFilter): Promise<string[]> => {
  // Failures are rare among events: without other filters, read refused and failed stops only, so the list reaches further back.
  if (outcome === 'failed' && Object.keys(selectors).length === 0) {
    return tracesOf(await Promise.all([store.listRecent({ outcome: 'refused', limit: SCANNED_EVENTS }), store.listRecent({ outcome: 'error', limit: SCANNED_EVENTS })]));
  }
  return tracesOf([await store.listRecent({ ...selectors, limit: SCANNED_EVENTS })]);
};

const wanted = (row: TraceSummary, outcome: OutcomeFilter): boolean =>
  outcome === '' || (outcome === 'failed' ? row.outcome === 'failed' : row.outcome !== 'failed');

export const recentTraces = async (store: TraceStore, people: IdentityService, filters: RecentFilters, offset: number, now: number): Promise<RecentPage> => {
  const identityId = filters.identity === '' ? undefined : await identityIdOf(people, filters.identity);
  if (filters.identity !== '' && identityId === undefined) return { rows: [], unknownIdentity: true };
  const selectors = { ...(filters.client === '' ? {} : { clientId: filters.client }), ...(identityId === undefined ? {} : { identityId }) };
  const traceIds = await candidates(store, selectors, filters.outcome);
  const rows: TraceSummary[] = [];
  let position = offset;
  const end = Math.min(traceIds.length, offset + CHAINS_PER_PAGE);
  while (rows.length < TRACES_PER_PAGE && position < end) {
    const batch = traceIds.slice(position, Math.min(end, position + TRACES_PER_PAGE - rows.length));
    const chains = await Promise.all(batch.map((id) => store.listByTrace(id)));
    rows.push(...chains.filter((chain) => chain.length > 0).map((chain) => summarize(chain, now)).filter((row) => wanted(row, filters.outcome)));
    position += batch.length;
  }
  return { rows, ...(position < traceIds.length ? { next: position } : {}) };
};
