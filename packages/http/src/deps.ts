/**
 * How HTTP route modules are wired: each module exports one `register(app, deps)` function and
 * translates between HTTP and the core. Handlers throw OAuth2Error subclasses; the error plugin
 * (errors.ts) renders them per docs/architecture.md §5, so no route formats errors itself.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditStore } from '@olympus/audit';
import type { TraceEvent, TraceStore } from '@olympus/trace';

/** The flow tracer as the console reads it. */
export interface TraceReads {
  /** Login submissions (stop 4) since a time, signed in and refused. */
  signIns(since: number): Promise<{ ok: number; refused: number }>;
  /** The newest refused stops of any trace, newest first: the console's "newest errors". */
  newestRefusals(limit: number): Promise<TraceEvent[]>;
}
/** Ties the error id an error page shows to the trace events of the request that failed. */
export interface TraceErrorLinks {
  link(requestId: string, errorId: string): void;
}

/** One log line the server wrote under a trace id, as the logger wrote it (already redacted). */
export interface TraceLogLine {
  time: string;
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

/** This node's recent log lines that carry a trace id, for the console's trace page. */
export interface TraceLogLines {
  forTrace(traceId: string): TraceLogLine[];
}
import type { IdentityContext } from '@olympus/identity';
import type { OAuth2Context } from '@olympus/oauth2';
import type { RecordRequest, RequestSpans } from './observe.ts';

/** Why this node is not ready, by component (`database`, `migrations`, `node`): health.ts answers 503 with it. */
export type NotReady = Record<string, string>;

export interface HttpDeps {
  ctx: OAuth2Context;
  /** Version string for /version. */
  version: string;
  /** Readiness probe: true, or what is not ready (docs/operations/observability.md). */
  isReady: () => Promise<boolean | NotReady>;
  /** The identity server (Kratos-compatible); its routes register only when it is present. */
  identity?: IdentityContext;
  /** The audit log (docs/operations/audit.md); without it nothing is recorded and /admin/audit-events is not served. */
  audit?: AuditStore;
  /** What the console reads of the flow tracer (docs/operations/tracing.md); absent when tracing is off. */
  traces?: TraceReads;
  /** The flow tracer's events (docs/operations/tracing.md); without it /admin/trace-events is not served. */
  traceEvents?: TraceStore;
  /** Links error ids to trace events; absent when tracing is off. */
  traceErrors?: TraceErrorLinks;
  /** Recent log lines by trace id; absent when tracing is off. */
  traceLogs?: TraceLogLines;
  /** The Prometheus scrape served on the admin origin's /metrics; absent: no such route. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** Counts every answered request (observe.ts). */
  recordRequest?: RecordRequest;
  /** OpenTelemetry spans per request; absent unless the OTEL_* variables configure tracing. */
  requestSpans?: RequestSpans;
}

export type RegisterRoutes = (app: FastifyInstance, deps: HttpDeps) => void;
