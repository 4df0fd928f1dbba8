/**
 * The logging surface the core needs: pino's, without importing pino. One line per decision,
 * with `trace_id`, `client_id`, `challenge_id`, `flow_id` where known (docs/architecture.md §5).
 */
export interface LogFn {
  (obj: Record<string, unknown>, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}
