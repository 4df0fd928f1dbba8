/**
 * Which driver errors mean "the database is unavailable" rather than "this statement is wrong"
 * (docs/operations/faults.md). Everything else (a unique violation, a syntax error) is left as it is.
 */
import { StorageUnavailable, type StorageUnavailableReason } from '../errors.ts';

export type Classify = (error: unknown) => StorageUnavailableReason | undefined;

/** Socket errors of the connection to a PostgreSQL server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** SQLSTATE classes and codes (PostgreSQL manual, Appendix A "PostgreSQL Error Codes"). */
const sqlstateReason = (code: string): StorageUnavailableReason | undefined => {
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return 'unreachable'; // connection exception; admin/crash shutdown, cannot connect now
  if (code === '25006') return 'read_only'; // read_only_sql_transaction
  if (code === '53100') return 'disk_full';
  if (code.startsWith('53') || code === '55P03') return 'busy'; // insufficient resources (too many connections); lock_not_available
  if (code === '57014') return 'timeout'; // query_canceled: statement_timeout
  if (code === '58030') return 'io_error';
  return undefined;
};

/** pg's and pg-pool's own messages for a lost connection or an expired timer (they carry no code). */
const PG_MESSAGES: ReadonlyArray<[RegExp, StorageUnavailableReason]> = [
  [/timeout exceeded when trying to connect|connection timeout|Query read timeout/i, 'timeout'],
  [/Connection terminated|not queryable|Connection ended/i, 'unreachable'],
];

export const classifyPostgres: Classify = (error) => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return 'unreachable';
    if (/^[0-9A-Z]{5}$/.test(code)) return sqlstateReason(code);
  }
  if (typeof message !== 'string') return undefined;
  return PG_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
};

/** SQLite's primary result codes (the low byte of an extended code): https://sqlite.org/rescode.html. */
const SQLITE_REASONS: Record<number, StorageUnavailableReason> = {
  5: 'busy', // SQLITE_BUSY, after busy_timeout
  6: 'busy', // SQLITE_LOCKED
  8: 'read_only', // SQLITE_READONLY
  10: 'io_error', // SQLITE_IOERR
  13: 'disk_full', // SQLITE_FULL
  14: 'unreachable', // SQLITE_CANTOPEN
};

export const classifySqlite: Classify = (error) => {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  if (code !== 'ERR_SQLITE_ERROR' || typeof errcode !== 'number') return undefined;
  return SQLITE_REASONS[errcode % 256];
};

/** The error as StorageUnavailable when it is one, else unchanged. */
export const asUnavailable = (error: unknown, classify: Classify): unknown => {
  if (error instanceof StorageUnavailable) return error;
  const reason = classify(error);
  return reason === undefined ? error : new StorageUnavailable(reason, error);
};
