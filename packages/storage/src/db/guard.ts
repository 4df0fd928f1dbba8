import type { Db, SqlParams } from './types.ts';
import { asUnavailable, type Classify } from './unavailable.ts';

/**
 * The Db with every driver error that means "unavailable" rethrown as StorageUnavailable
 * (unavailable.ts), inside transactions too; other errors pass through untouched, so callers that
 * look at a driver's code (a unique violation) still see it.
 */
export const guardDb = (db: Db, classify: Classify): Db => {
  const rethrow = (error: unknown): never => {
    throw asUnavailable(error, classify);
  };
  return {
    dialect: db.dialect,
    query: <T>(sql: string, params?: SqlParams) => db.query<T>(sql, params).catch(rethrow),
    execute: (sql, params) => db.execute(sql, params).catch(rethrow),
    insertGrouped: (sql, params) => db.insertGrouped(sql, params).catch(rethrow),
    exec: (script) => db.exec(script).catch(rethrow),
    transaction: <T>(fn: (tx: Db) => Promise<T>) => db.transaction((tx) => fn(guardDb(tx, classify))).catch(rethrow),
    close: () => db.close(),
  };
};
