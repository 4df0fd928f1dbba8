/**
 * The shape of a diagnosis rule: one module per family of causes (rules/, notices/). A failure rule
 * looks at the first failing event of a chain (and may read the rest of the chain and the clock) and
 * answers its finding or nothing; a notice rule answers findings for an event that went on.
 */
import type { TraceEvent } from '../event.ts';
import { causeDocPage, type TraceCause } from './doc-pages.ts';
import type { EvidenceLine, FindingLevel, TraceFinding } from './finding.ts';

export type FailureRule = (event: TraceEvent, chain: readonly TraceEvent[], now: number) => TraceFinding | undefined;

export type NoticeRule = (event: TraceEvent, chain: readonly TraceEvent[], now: number) => TraceFinding[];

export interface Explanation {
  summary: string;
  evidence: EvidenceLine[];
  fix: string;
}

const findingOf = (level: FindingLevel, event: TraceEvent, cause: TraceCause, explanation: Explanation): TraceFinding => ({
  level, stop: event.stop, eventId: event.id, cause, ...explanation, docPage: causeDocPage(cause),
});

export const failure = (event: TraceEvent, cause: TraceCause, explanation: Explanation): TraceFinding => findingOf('failure', event, cause, explanation);

export const notice = (event: TraceEvent, cause: TraceCause, explanation: Explanation): TraceFinding => findingOf('notice', event, cause, explanation);

export const line = (label: string, value: string): EvidenceLine => ({ label, value });

/** The client a fix names: the event's, or a placeholder the reader fills in. */
export const clientOf = (event: TraceEvent): string => event.clientId ?? '<client-id>';

export const isRefusal = (event: TraceEvent): boolean => event.outcome !== 'ok';
