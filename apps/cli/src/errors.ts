/**
 * The CLI's failure kinds and their exit codes: 2 for a mistake on the command line (like most
 * Unix tools and cobra), 1 for everything that went wrong after the command was understood.
 */
export abstract class CliError extends Error {
  abstract readonly exitCode: number;
}

/** A bad flag, a missing argument or an unknown command; printed with the command's usage. */
export class UsageError extends CliError {
  readonly exitCode = 2;
}

/** A problem the user has to fix outside the command line (file not found, bad file content …). */
export class CommandFailed extends CliError {
  readonly exitCode = 1;
}

export interface ApiErrorDetails {
  status: number;
  method: string;
  url: string;
  error: string;
  description: string;
  hint: string;
  debug: string;
  requestId: string;
}

/** The server answered with an error body (RFC 6749 §5.2 shape, or Kratos' envelope). */
export class ApiError extends CliError {
  readonly exitCode = 1;
  readonly details: ApiErrorDetails;

  constructor(details: ApiErrorDetails) {
    super(`${details.error}: ${details.description}`);
    this.details = details;
  }
}

/** The TCP connection failed before any HTTP answer (refused, DNS, TLS). */
export class UnreachableError extends CliError {
  readonly exitCode = 1;
  readonly baseUrl: string;
  readonly api: 'admin' | 'public';
  readonly reason: string;

  constructor(api: 'admin' | 'public', baseUrl: string, reason: string) {
    super(`cannot reach Olympus ${api} API at ${baseUrl}`);
    this.api = api;
    this.baseUrl = baseUrl;
    this.reason = reason;
  }
}
