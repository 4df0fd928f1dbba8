/**
 * What the flow tracer concludes from a chain of events (docs/operations/tracing.md): for the first
 * failing stop its cause, the evidence that shows it and the fix, and notices on stops that went on
 * but are what a developer usually asks about (consent shown to a client thought trusted, a claim
 * missing from the ID token). Cause codes are stable: tests, scripts and docs name them.
 */
import type { TraceEvent } from '../event.ts';
import type { TraceStop } from '../stops.ts';

export type FindingLevel = 'failure' | 'notice';

/** One fact of the evidence, labelled for a reader (`registered redirect URIs`, `sent`). */
export interface EvidenceLine {
  label: string;
  value: string;
}

export interface TraceFinding {
  level: FindingLevel;
  stop: TraceStop;
  /** The event it explains. */
  eventId: string;
  /** Stable, snake_case: `redirect_uri_mismatch`, `pkce_verifier_mismatch`, … */
  cause: string;
  /** One sentence: what happened. */
  summary: string;
  evidence: EvidenceLine[];
  /** What to change, in one or two sentences. */
  fix: string;
  /** A repository path under docs/troubleshooting/, optionally with a #section; empty when no page explains it (a form's message id such as 4000006). */
  docPage: string;
}

export interface TraceDiagnosis {
  traceId: string;
  /** `failed`: a stop was refused or failed; `incomplete`: nothing failed but the chain stopped short of a code or token; else `ok`. */
  outcome: 'ok' | 'failed' | 'incomplete';
  /** The first failing event, when one failed. */
  failingEventId?: string;
  /** The failure first, then notices in chain order. */
  findings: TraceFinding[];
}

/** Reads one chain (one trace id, oldest first) at a moment `now` (epoch ms): expiry is judged against it. */
export type DiagnoseTrace = (events: readonly TraceEvent[], now: number) => TraceDiagnosis;
