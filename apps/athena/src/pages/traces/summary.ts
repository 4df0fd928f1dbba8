/**
 * One trace as a row of the console's lists: when it began, its client and identity, how many stops
 * it has, its outcome and its first failing stop, read from the chain and its diagnosis (diagnoseTrace of
 * @olympus/trace: the console draws what the tracer concludes and concludes nothing itself).
 */
import { diagnoseTrace, type TraceDiagnosis, type TraceEvent } from '@olympus/trace';

export interface TraceSummary {
  traceId: string;
  /** The first stop's time (RFC 3339). */
  startedAt: string;
  clientId?: string;
  identityId?: string;
  stops: number;
  outcome: TraceDiagnosis['outcome'];
  failing?: TraceEvent;
}

const firstOf = (events: readonly TraceEvent[], pick: (e: TraceEvent) => string | undefined): string | undefined =>
  events.map(pick).find((value) => value !== undefined && value !== '');

/** `events`: one trace's chain, oldest first (TraceStore.listByTrace). */
export const summarize = (events: readonly TraceEvent[], now: number, diagnosis = diagnoseTrace(events, now)): TraceSummary => {
  const failing = events.find((e) => e.id === diagnosis.failingEventId);
  const clientId = firstOf(events, (e) => e.clientId);
  const identityId = firstOf(events, (e) => e.identityId);
  return {
    traceId: events[0]?.traceId ?? diagnosis.traceId,
    startedAt: events[0]?.time ?? '',
    ...(clientId === undefined ? {} : { clientId }),
    ...(identityId === undefined ? {} : { identityId }),
    stops: events.length,
    outcome: diagnosis.outcome,
    ...(failing === undefined ? {} : { failing }),
  };
};
