/**
 * The operator's view of this server (docs/operations/observability.md): one Prometheus registry
 * per server, and OpenTelemetry tracing when the OTEL_* variables configure it.
 */
import type { Logger as PinoLogger } from 'pino';
import type { TracePort } from '@olympus/oauth2';
import { createMetrics, startTracing, tracingSettings, type OlympusMetrics, type Tracing } from '@olympus/observability';

export interface Observability {
  metrics: OlympusMetrics;
  /** Absent unless the OTEL_* variables turn tracing on. */
  tracing?: Tracing;
  /** The flow tracer's port, also putting each report's trace id on its request's span. */
  traceInto(record: TracePort): TracePort;
  close(): Promise<void>;
}

export const startObservability = async (logger: PinoLogger, version: string, env: NodeJS.ProcessEnv = process.env): Promise<Observability> => {
  const metrics = createMetrics();
  const settings = tracingSettings(env);
  for (const warning of settings?.warnings ?? []) logger.warn(warning);
  const tracing = settings === undefined ? undefined : await startTracing(settings, { version });
  if (tracing !== undefined) logger.info({ exporters: settings?.exporters }, 'OpenTelemetry tracing is on');
  return {
    metrics,
    ...(tracing === undefined ? {} : { tracing }),
    traceInto: (record) => (tracing === undefined ? record : (report) => {
      if (report.requestId !== undefined) tracing.requests.noteTrace(report.requestId, report.traceId);
      record(report);
    }),
    close: async () => {
      await tracing?.shutdown().catch(() => {});
    },
  };
};
