/**
 * What the search box takes (docs/operations/tracing.md): a trace id, or any id a stop recorded — an
 * X-Request-Id, an error page's id, a login/consent/logout challenge, a flow id, a client id, an
 * identity id — or an identity's email (its sign-in identifier). Answers the traces it names, newest first.
 */
import type { IdentityService } from '@olympus/identity';
import type { TraceEvent, TraceRecentQuery, TraceStore } from '@olympus/trace';

export type MatchedAs = 'trace_id' | 'request_id' | 'error_id' | 'challenge' | 'flow_id' | 'client_id' | 'identity_id' | 'email';

export interface SearchResult {
  /** What the text was found as; empty when nothing matched. */
  matchedAs: MatchedAs[];
  /** The traces, newest activity first. */
  traceIds: string[];
}

/** Events read per kind of id: a client's or an identity's newest traces are a few of these. */
const EVENTS_PER_KIND = 500;

type Selector = Exclude<keyof TraceRecentQuery, 'stop' | 'outcome' | 'since' | 'limit'>;

const BY_ID: ReadonlyArray<[MatchedAs, Selector]> = [
  ['request_id', 'requestId'], ['error_id', 'errorId'], ['challenge', 'challengeId'], ['flow_id', 'flowId'], ['client_id', 'clientId'], ['identity_id', 'identityId'],
];

/** The identity whose sign-in identifier is `text` (an email), if any. */
const identityByEmail = async (people: IdentityService, text: string): Promise<string | undefined> => {
  if (!text.includes('@')) return undefined;
  const { identities } = await people.list({ pageSize: 1, credentialsIdentifier: text });
  return identities[0]?.id;
};

/** Distinct trace ids of events (each list newest first), ordered by their newest event. */
export const tracesOf = (lists: ReadonlyArray<readonly TraceEvent[]>): string[] => {
  const newest = new Map<string, string>();
  for (const event of lists.flat()) {
    const seen = newest.get(event.traceId);
    if (seen === undefined || event.time > seen) newest.set(event.traceId, event.time);
  }
  return [...newest.entries()].sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([traceId]) => traceId);
};

export const searchTraces = async (store: TraceStore, people: IdentityService, text: string): Promise<SearchResult> => {
  if ((await store.listByTrace(text)).length > 0) return { matchedAs: ['trace_id'], traceIds: [text] };
  const email = await identityByEmail(people, text);
  const queries: Array<[MatchedAs, Promise<TraceEvent[]>]> = [
    ...BY_ID.map(([as, selector]): [MatchedAs, Promise<TraceEvent[]>] => [as, store.listRecent({ [selector]: text, limit: EVENTS_PER_KIND })]),
    ...(email === undefined ? [] : [['email', store.listRecent({ identityId: email, limit: EVENTS_PER_KIND })] as [MatchedAs, Promise<TraceEvent[]>]]),
  ];
  const answers = await Promise.all(queries.map(([, events]) => events));
  const matched = queries.map(([as], index) => ({ as, events: answers[index] ?? [] })).filter((m) => m.events.length > 0);
  return { matchedAs: matched.map((m) => m.as), traceIds: tracesOf(matched.map((m) => m.events)) };
};
