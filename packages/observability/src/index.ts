/**
 * The operator's view of a running server (docs/operations/observability.md): Prometheus metrics
 * implementing the cores', storage's and the edge's metrics ports, and OpenTelemetry tracing when
 * the standard OTEL_* variables ask for it. The composition root (apps/server) wires both.
 */
export { createMetrics, type OlympusMetrics } from './metrics/create.ts';
export type { CourierDepth } from './metrics/courier-queue.ts';
export { tracingSettings, type TracingSettings } from './otel/settings.ts';
export { startTracing, type Tracing } from './otel/start.ts';
export type { TracedRequests } from './otel/spans.ts';
