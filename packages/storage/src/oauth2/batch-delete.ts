import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db, SqlValue } from '../db/types.ts';

/** Rows of one table that may be deleted. `where` binds `params`; `key` lists the primary-key columns. */
export interface Sweep {
  table: string;
  key: readonly string[];
  where: string;
  params: readonly SqlValue[];
}

/**
 * Deletes up to `limit` rows matching the sweep, at most `batchSize` per statement. Every DELETE
 * runs on its own (autocommit), so a large table is never locked for longer than one batch, and the
 * event loop gets a turn between batches.
 *
 * The condition is checked twice: once to pick the batch, once more on the outer DELETE. On
 * PostgreSQL (READ COMMITTED) a row another transaction changed after the pick is re-evaluated on
 * its newest version, so a row that stopped being garbage meanwhile (a session extended, a flow
 * moved on) is kept. SQLite runs each statement alone, so there the pick is already current.
 */
export const deleteInBatches = async (db: Db, sweep: Sweep, limit: number, batchSize: number): Promise<number> => {
  const columns = sweep.key.join(', ');
  const sql = `DELETE FROM ${sweep.table} WHERE (${columns}) IN
    (SELECT ${columns} FROM ${sweep.table} WHERE ${sweep.where} LIMIT ?) AND (${sweep.where})`;
  let deleted = 0;
  while (deleted < limit) {
    const batch = Math.min(batchSize, limit - deleted);
    const changed = await db.execute(sql, [...sweep.params, batch, ...sweep.params]);
    deleted += changed;
    if (changed < batch) break;
    await nextTurn();
  }
  return deleted;
};
