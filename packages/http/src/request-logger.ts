/**
 * Each request's logger (`req.log`), made when it first writes a line. Fastify gives every request a
 * child of the app's logger carrying its request id; pino builds that child eagerly (its bindings
 * serialised, its options and redaction checked), about 1 % of an introspection's CPU
 * (docs/decisions/0002-hot-path-performance.md), although most requests log nothing at the
 * production level. The lines written are the same: the child is pino's own, made on first use.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, Logger } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Parent = FastifyBaseLogger & Pick<Logger, 'isLevelEnabled'>;

class RequestLogger {
  readonly #parent: Parent;
  readonly #bindings: Bindings;
  #child: Parent | undefined;

  constructor(parent: Parent, bindings: Bindings) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  #logger(): Parent {
    return (this.#child ??= this.#parent.child(this.#bindings) as Parent);
  }

  get level(): LevelWithSilentOrString {
    return (this.#child ?? this.#parent).level;
  }

  set level(level: LevelWithSilentOrString) {
    this.#logger().level = level;
  }

  isLevelEnabled(level: LevelWithSilentOrString): boolean {
    return (this.#child ?? this.#parent).isLevelEnabled(level);
  }

  #write(level: Level, args: unknown[]): void {
    // A line the level drops costs no child.
    if (!this.isLevelEnabled(level)) return;
    (this.#logger()[level] as (...a: unknown[]) => void)(...args);
  }

  fatal(...args: unknown[]): void { this.#write('fatal', args); }
  error(...args: unknown[]): void { this.#write('error', args); }
  warn(...args: unknown[]): void { this.#write('warn', args); }
  info(...args: unknown[]): void { this.#write('info', args); }
  debug(...args: unknown[]): void { this.#write('debug', args); }
  trace(...args: unknown[]): void { this.#write('trace', args); }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#logger().child(bindings, options);
  }
}

/**
 * Fastify's `childLoggerFactory`: a logger that becomes pino's child of `parent` when it first
 * writes. A route with its own log level or serializers, or a parent that is not pino, gets the
 * child at once.
 */
export const requestLogger = (parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger => {
  if (Object.keys(options).length > 0 || typeof (parent as Partial<Parent>).isLevelEnabled !== 'function') return parent.child(bindings, options);
  return new RequestLogger(parent as Parent, bindings) as unknown as FastifyBaseLogger;
};

/** Whether `log` writes lines of `level`; true for a logger that cannot tell (the line decides). */
export const logsAt = (log: FastifyBaseLogger, level: Level): boolean => (log as Partial<Parent>).isLevelEnabled?.(level) ?? true;
