/**
 * One trace as the CLI shows it: its events in time order and @olympus/trace's diagnosis of them
 * (the first failing stop's cause, evidence and fix; notices). `--format json` prints this shape.
 */
import { diagnoseTrace, type TraceDiagnosis } from '@olympus/trace';
import { toTraceEvent, type TraceEventResponse } from './trace-event.ts';

export interface TraceView {
  trace_id: string;
  events: TraceEventResponse[];
  diagnosis: TraceDiagnosis;
}

/** Events of several traces (a client's or an identity's) grouped by trace, oldest trace first. */
export const groupByTrace = (events: readonly TraceEventResponse[]): Map<string, TraceEventResponse[]> => {
  const traces = new Map<string, TraceEventResponse[]>();
  for (const event of events) traces.set(event.trace_id, [...(traces.get(event.trace_id) ?? []), event]);
  return traces;
};

export const traceView = (traceId: string, events: TraceEventResponse[], now: number): TraceView => {
  const known = events.flatMap((event, index) => {
    const converted = toTraceEvent(event, index);
    return converted === undefined ? [] : [converted];
  });
  return { trace_id: traceId, events, diagnosis: { ...diagnoseTrace(known, now), traceId } };
};

export const traceViews = (events: readonly TraceEventResponse[], now: number): TraceView[] =>
  [...groupByTrace(events)].map(([traceId, chain]) => traceView(traceId, chain, now));

/** The index of the event a finding explains (event ids are `<trace id>#<index>`, trace-event.ts). */
export const eventIndexOf = (eventId: string | undefined): number => (eventId === undefined ? -1 : Number(eventId.slice(eventId.lastIndexOf('#') + 1)));

/** The view as `--format json` prints it: snake_case, like the events and every answer of the admin API. */
export const traceViewWire = ({ trace_id, events, diagnosis }: TraceView) => ({
  trace_id,
  events,
  diagnosis: {
    trace_id: diagnosis.traceId,
    outcome: diagnosis.outcome,
    failing_event_id: diagnosis.failingEventId ?? null,
    findings: diagnosis.findings.map((f) => ({
      level: f.level, stop: f.stop, event_id: f.eventId, cause: f.cause, summary: f.summary, evidence: f.evidence, fix: f.fix, doc_page: f.docPage,
    })),
  },
});
