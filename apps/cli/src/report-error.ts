/** How failures reach the user: one readable block on stderr, never a stack trace for a known failure. */
import { ApiError, CliError, UnreachableError } from './errors.ts';
import { describeApiError } from './http/api-error.ts';
import type { Io } from './io.ts';

/** `debug` (OLYMPUS_DEBUG set) adds the stack of unexpected errors; known failures never show one. */
export const describeError = (error: unknown, debug = false): string => {
  if (error instanceof ApiError) return describeApiError(error);
  if (error instanceof UnreachableError) {
    const hint =
      error.api === 'admin'
        ? ' — is `npm start` running?'
        : ' — is `npm start` running, and is --endpoint the public URL?';
    return `error: ${error.message}${hint}\n(${error.reason})\n`;
  }
  if (error instanceof CliError) return `error: ${error.message}\n`;
  // Anything else comes from the server module (config, database) or is a bug: its message is
  // written for operators, the stack only helps when reporting a bug.
  const message = error instanceof Error ? error.message : String(error);
  // A refused configuration already names every problem and its fix: a stack would only add noise.
  if (error instanceof Error && error.name === 'ConfigError') return `error: ${message}\n`;
  if (debug && error instanceof Error && error.stack) return `error: ${error.stack}\n`;
  return `error: ${message}\n(set OLYMPUS_DEBUG=1 to see the stack trace)\n`;
};

export const exitCodeOf = (error: unknown): number => (error instanceof CliError ? error.exitCode : 1);

/**
 * For commands that handle many items: print an API error for one item and carry on. Anything else
 * (server unreachable, bad usage) would fail the same way for every item, so it stops the command.
 */
export const reportError = (io: Io, error: unknown): void => {
  if (!(error instanceof ApiError)) throw error;
  io.stderr(describeError(error));
};
