/**
 * A trace as people read it: its stops numbered in time order, and under the first stop that was
 * refused or failed (marked ✖) its error code, its evidence as `key: value` lines and the
 * troubleshooting page of the code (docs/operations/tracing.md).
 */
import type { TraceEventResponse } from './trace-event.ts';
import { troubleshootingPage } from './troubleshooting.ts';

const FAILED_MARK = '✖';

/** `12:00:01.123` of an RFC 3339 time in UTC. */
const clock = (time: string): string => time.slice(11, 23);

/** Nested objects become dotted keys (`csrf.cookie_present: true`); arrays and scalars print as JSON, strings bare. */
const evidenceLines = (evidence: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(evidence).flatMap(([key, value]) => {
    const name = `${prefix}${key}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const nested = evidenceLines(value as Record<string, unknown>, `${name}.`);
      return nested.length > 0 ? nested : [`${name}: {}`];
    }
    return [`${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`];
  });

const failureDetails = (event: TraceEventResponse, indent: string): string[] => {
  const page = troubleshootingPage(event.error_code);
  return [
    ...(event.error_code === null ? [] : [`${indent}error code: ${event.error_code}`]),
    `${indent}evidence:`,
    ...evidenceLines(event.evidence).map((line) => `${indent}  ${line}`),
    ...(page === undefined ? [] : [`${indent}troubleshooting: ${page}`]),
  ];
};

/** One trace's chain; `events` are its events in time order. */
export const renderChain = (events: readonly TraceEventResponse[]): string[] => {
  const failed = events.findIndex((e) => e.outcome !== 'ok');
  const stopWidth = Math.max(...events.map((e) => e.stop.length));
  const outcomeWidth = Math.max(...events.map((e) => e.outcome.length));
  return events.flatMap((event, index) => {
    const mark = index === failed ? FAILED_MARK : ' ';
    const number = `${index + 1}.`;
    const line = `${mark} ${number} ${event.stop.padEnd(stopWidth)}  ${event.outcome.padEnd(outcomeWidth)}  ${clock(event.time)}  ${event.duration_ms} ms`;
    return index === failed ? [line, ...failureDetails(event, ' '.repeat(number.length + 3))] : [line];
  });
};

/** Events of several traces (a client's or an identity's) grouped by trace, oldest trace first. */
export const groupByTrace = (events: readonly TraceEventResponse[]): Map<string, TraceEventResponse[]> => {
  const traces = new Map<string, TraceEventResponse[]>();
  for (const event of events) traces.set(event.trace_id, [...(traces.get(event.trace_id) ?? []), event]);
  return traces;
};
