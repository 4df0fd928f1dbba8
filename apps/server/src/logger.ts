import pino, { type Logger } from 'pino';
import type { OlympusConfig } from '@olympus/config';
import type { TraceLogLines } from '@olympus/http';
import { TraceLogRing } from './trace-log-ring.ts';

/** The ring each logger of createLogger tees into, for traceLogsOf. */
const RINGS = new WeakMap<Logger, TraceLogRing>();

/**
 * JSON logs, one line per decision (docs/architecture.md §5). Secrets never reach a log line: the fields that
 * could carry them are redacted even if a caller slips. Every line written also passes a ring that keeps
 * this node's newest lines carrying a trace_id (trace-log-ring.ts), redacted like the line itself.
 */
export const createLogger = (config: Pick<OlympusConfig, 'log'>, destination?: pino.DestinationStream): Logger => {
  const ring = new TraceLogRing();
  // The logger's own level filters first; each stream then takes whatever it is given.
  const tee = pino.multistream([{ level: 'trace', stream: destination ?? pino.destination(1) }, { level: 'trace', stream: ring }]);
  const logger = pino(
    {
      level: config.log.level,
      base: { service: 'olympus' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['client_secret', 'password', 'code_verifier', 'access_token', 'refresh_token', 'id_token', '*.client_secret', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    tee,
  );
  RINGS.set(logger, ring);
  return logger;
};

/** The recent trace log lines of a logger made by createLogger; undefined for any other logger. */
export const traceLogsOf = (logger: Logger): TraceLogLines | undefined => RINGS.get(logger);
