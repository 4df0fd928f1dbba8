import pino, { type Logger } from 'pino';
import type { OlympusConfig } from '@olympus/config';

/**
 * JSON logs, one line per decision (docs/architecture.md §5). Secrets never reach a log line: the fields that
 * could carry them are redacted even if a caller slips.
 */
export const createLogger = (config: Pick<OlympusConfig, 'log'>, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level: config.log.level,
      base: { service: 'olympus' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['client_secret', 'password', 'code_verifier', 'access_token', 'refresh_token', 'id_token', '*.client_secret', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
