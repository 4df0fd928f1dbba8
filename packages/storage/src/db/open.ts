import { resolve } from 'node:path';
import { openSqlite } from './sqlite.ts';
import type { Db } from './types.ts';
import type { DbObserver } from './observer.ts';
import { guardDb } from './guard.ts';
import { classifyPostgres, classifySqlite } from './unavailable.ts';

const SUPPORTED = 'sqlite://<path>, sqlite://:memory:, postgres://… or postgresql://…';

/**
 * Opens the database a DSN names:
 * - `sqlite://data/olympus.db` (relative to the working directory; the folder is created),
 *   `sqlite:///var/lib/olympus.db` (absolute) or `sqlite://:memory:`; `memory` is Hydra's alias for
 *   the latter. Of a `?query`, `mode=ro` opens the file read-only (SQLite's URI parameter) and
 *   `synchronous=full` makes each commit survive power loss (docs/operations/faults.md); the rest
 *   (Hydra's `?_fk=true`) is ignored: the other pragmas are always set.
 * - `postgres://…` / `postgresql://…`, passed to `pg`; Hydra's `max_conns` sets the pool size.
 *
 * Either way, a driver error meaning the database is unavailable becomes StorageUnavailable (guard.ts).
 */
export const openDatabase = async (dsn: string, observer?: DbObserver): Promise<Db> => {
  if (dsn === 'memory') return guardDb(openSqlite(':memory:', observer), classifySqlite);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(dsn)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'sqlite':
    case 'sqlite3': {
      const rest = dsn.slice(scheme.length + 3);
      return guardDb(openSqlite(sqlitePath(rest), observer, sqliteOptions(rest)), classifySqlite);
    }
    case 'postgres':
    case 'postgresql': {
      // pg loads only for a PostgreSQL DSN: a node on SQLite never needs it (docs/decisions/0002-hot-path-performance.md).
      const { openPostgres } = await import('./postgres.ts');
      return guardDb(await openPostgres(dsn, { max: maxConnections(dsn), observer }), classifyPostgres);
    }
    case undefined:
      throw new Error(`Unsupported database DSN: it has no scheme. Use ${SUPPORTED}.`);
    default:
      // Only the scheme is echoed: the rest of a DSN may hold a password.
      throw new Error(`Unsupported database DSN scheme "${scheme}://". Use ${SUPPORTED}.`);
  }
};

const sqlitePath = (rest: string): string => {
  const path = rest.split('?')[0] ?? '';
  if (path === ':memory:') return path;
  if (path === '') throw new Error('The sqlite:// DSN names no file. Use sqlite://<path> or sqlite://:memory:.');
  return resolve(process.cwd(), path);
};

const sqliteOptions = (rest: string): { readOnly: boolean; synchronousFull: boolean } => {
  const query = new URLSearchParams(rest.split('?')[1] ?? '');
  return { readOnly: query.get('mode') === 'ro', synchronousFull: query.get('synchronous')?.toLowerCase() === 'full' };
};

const maxConnections = (dsn: string): number | undefined => {
  const value = /[?&]max_conns=(\d+)/.exec(dsn)?.[1];
  return value === undefined ? undefined : Math.max(1, Number(value));
};
