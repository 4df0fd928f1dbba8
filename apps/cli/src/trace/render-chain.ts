/**
 * A trace as people read it: its stops numbered in time order; under the stop the diagnosis names as
 * the first failure (marked ✖) the error code, the cause with its summary, the evidence that shows it,
 * the fix and its docs page, then the stop's evidence as recorded (`key: value`) and the
 * troubleshooting page of its error code; under a stop with a notice (ℹ) the notice
 * (docs/operations/tracing.md).
 */
import type { TraceFinding } from '@olympus/trace';
import type { TraceEventResponse } from './trace-event.ts';
import { eventIndexOf, type TraceView } from './trace-view.ts';
import { troubleshootingPage } from './troubleshooting.ts';

const FAILED_MARK = '✖';
const NOTICE_MARK = 'ℹ';

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

/** The cause, its facts, the fix and the page; the facts are left out for `error:<code>`, whose evidence follows as recorded. */
const findingLines = (finding: TraceFinding, indent: string): string[] => [
  `${indent}cause: ${finding.cause}`,
  `${indent}${finding.summary}`,
  ...(finding.cause.startsWith('error:') || finding.evidence.length === 0 ? [] : [`${indent}why:`, ...finding.evidence.map((l) => `${indent}  ${l.label}: ${l.value}`)]),
  `${indent}fix: ${finding.fix}`,
  ...(finding.docPage === '' ? [] : [`${indent}docs: ${finding.docPage}`]),
];

const failureLines = (event: TraceEventResponse, finding: TraceFinding | undefined, indent: string): string[] => {
  const page = troubleshootingPage(event.error_code);
  return [
    ...(event.error_code === null ? [] : [`${indent}error code: ${event.error_code}`]),
    ...(finding === undefined ? [] : findingLines(finding, indent)),
    `${indent}evidence:`,
    ...evidenceLines(event.evidence).map((line) => `${indent}  ${line}`),
    ...(page === undefined ? [] : [`${indent}troubleshooting: ${page}`]),
  ];
};

const noticeLines = (finding: TraceFinding, indent: string): string[] => [
  `${indent}${NOTICE_MARK} ${finding.cause}: ${finding.summary}`,
  ...finding.evidence.map((l) => `${indent}    ${l.label}: ${l.value}`),
  `${indent}    fix: ${finding.fix}`,
  ...(finding.docPage === '' ? [] : [`${indent}    docs: ${finding.docPage}`]),
];

/** One trace's chain, its stops in time order. */
export const renderChain = ({ events, diagnosis }: TraceView): string[] => {
  const failed = eventIndexOf(diagnosis.failingEventId);
  const failure = diagnosis.findings.find((f) => f.level === 'failure');
  const notices = diagnosis.findings.filter((f) => f.level === 'notice');
  const stopWidth = Math.max(...events.map((e) => e.stop.length));
  const outcomeWidth = Math.max(...events.map((e) => e.outcome.length));
  return events.flatMap((event, index) => {
    const mark = index === failed ? FAILED_MARK : ' ';
    const number = `${index + 1}.`;
    const indent = ' '.repeat(number.length + 3);
    const line = `${mark} ${number} ${event.stop.padEnd(stopWidth)}  ${event.outcome.padEnd(outcomeWidth)}  ${clock(event.time)}  ${event.duration_ms} ms`;
    const own = notices.filter((n) => eventIndexOf(n.eventId) === index).flatMap((n) => noticeLines(n, indent));
    return [line, ...(index === failed ? failureLines(event, failure, indent) : []), ...own];
  });
};
