/**
 * Turns what a core reports about a stop (a `TraceNote`, the shape of the cores' narrow `trace` port)
 * into a stored event: id, schema version and time stamped here, the evidence redacted (redact.ts),
 * so whoever records an event, nothing secret reaches the store.
 */
import { randomUUID } from 'node:crypto';
import { TRACE_SCHEMA_VERSION, type TraceEvent, type TraceEvidence, type TraceOutcome } from './event.ts';
import { redactEvidence } from './redact.ts';
import type { TraceStop } from './stops.ts';

export interface TraceNote {
  traceId: string;
  stop: TraceStop;
  outcome: TraceOutcome;
  /** Epoch ms when the stop began; the time of the note when absent. */
  startedAt?: number;
  durationMs?: number;
  errorCode?: string;
  errorId?: string;
  requestId?: string;
  clientId?: string;
  identityId?: string;
  challengeId?: string;
  flowId?: string;
  evidence: TraceEvidence;
}

const OPTIONAL = ['errorCode', 'errorId', 'requestId', 'clientId', 'identityId', 'challengeId', 'flowId'] as const;

export const newTraceEvent = (note: TraceNote, now: number): TraceEvent => {
  const event: TraceEvent = {
    schemaVersion: TRACE_SCHEMA_VERSION,
    id: randomUUID(),
    traceId: note.traceId,
    stop: note.stop,
    time: new Date(note.startedAt ?? now).toISOString(),
    durationMs: Math.max(0, Math.round(note.durationMs ?? 0)),
    outcome: note.outcome,
    evidence: redactEvidence(note.evidence),
  };
  for (const key of OPTIONAL) {
    const value = note[key];
    if (value !== undefined && value !== '') event[key] = value;
  }
  return event;
};
