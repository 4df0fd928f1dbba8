/**
 * Whether OpenTelemetry tracing is on, read from the standard variables of the OpenTelemetry
 * specification (docs/operations/observability.md lists them). Off unless they ask for it: an
 * OTLP endpoint, or OTEL_TRACES_EXPORTER naming `otlp` or `console`; OTEL_SDK_DISABLED=true and
 * OTEL_TRACES_EXPORTER=none turn it off whatever else is set.
 */
export interface TracingSettings {
  exporters: Array<'otlp' | 'console'>;
  /** OTEL_BSP_SCHEDULE_DELAY: how long spans wait to be sent in a batch (the SDK's default, 5 s, when unset). */
  scheduleDelayMs?: number;
  /** Things the variables asked for that Olympus does not do, for one warning at start. */
  warnings: string[];
}

type Env = Record<string, string | undefined>;

const list = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((v) => v.trim().toLowerCase()).filter((v) => v !== '');

export const tracingSettings = (env: Env): TracingSettings | undefined => {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const named = list(env.OTEL_TRACES_EXPORTER);
  const endpoint = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').trim() !== '';
  if (named.includes('none')) return undefined;
  const wanted = named.length > 0 ? named : endpoint ? ['otlp'] : [];
  const warnings = wanted.filter((name) => name !== 'otlp' && name !== 'console').map((name) => `OTEL_TRACES_EXPORTER=${name} is not supported (otlp and console are); ignored`);
  const exporters = wanted.filter((name): name is 'otlp' | 'console' => name === 'otlp' || name === 'console');
  if (exporters.length === 0) return undefined;
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/json').trim();
  if (exporters.includes('otlp') && protocol !== 'http/json') warnings.push(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported; spans are sent as http/json`);
  const delay = Number(env.OTEL_BSP_SCHEDULE_DELAY ?? Number.NaN);
  return { exporters, warnings, ...(Number.isFinite(delay) && delay >= 0 ? { scheduleDelayMs: delay } : {}) };
};
