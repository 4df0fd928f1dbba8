/**
 * Starts OpenTelemetry tracing when the OTEL_* variables configure it (settings.ts). The SDK and
 * the exporter are imported here, on demand, so a server without tracing never loads them: start-up
 * time is measured (bench/README.md). The provider is this server's own, not registered globally,
 * so several servers in one process (the tests) keep their spans apart.
 */
import type { TracingSettings } from './settings.ts';
import type { TracedRequests } from './spans.ts';

export interface Tracing {
  requests: TracedRequests;
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

export const startTracing = async (settings: TracingSettings, service: { version: string }): Promise<Tracing> => {
  const [sdk, resources, { tracedRequests }] = await Promise.all([
    import('@opentelemetry/sdk-trace'), import('@opentelemetry/resources'), import('./spans.ts'),
  ]);
  const processors = await Promise.all(settings.exporters.map(async (name) => {
    if (name === 'console') return new sdk.SimpleSpanProcessor({ exporter: new sdk.ConsoleSpanExporter() });
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    // The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT itself.
    const exporter = new OTLPTraceExporter();
    return new sdk.BatchSpanProcessor(settings.scheduleDelayMs === undefined ? { exporter } : { exporter, scheduledDelayMillis: settings.scheduleDelayMs });
  }));
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults.
  const resource = resources.resourceFromAttributes({ 'service.name': 'olympus', 'service.version': service.version })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new sdk.TracerProvider({ resource, spanProcessors: processors });
  return {
    requests: tracedRequests(provider.getTracer('olympus', service.version)),
    shutdown: () => provider.shutdown(),
  };
};
