/**
 * A flow's compare-and-set that writes only the lookup columns the transition changed. SQLite
 * rewrites an index only when the UPDATE sets one of its columns (or a column of a partial index's
 * WHERE), so leaving out the unchanged ones spares most of oauth2_flows' unique indexes on every
 * step of an authorization (migrations 0001, 0002, 0009). It is exact because every transition
 * changes `state`: while the stored state is still `expected`, the row is the one the caller read as
 * `previous`, and a revocation that raced in stays (COALESCE keeps it).
 */
import type { Flow, FlowState } from '@olympus/oauth2';
import type { Db, SqlValue } from '../db/types.ts';
import { FLOW_COLUMNS, flowColumnValues } from './flow-columns.ts';

const statementFor = (columns: readonly string[]): string =>
  `UPDATE oauth2_flows SET revoked_at = COALESCE(revoked_at, ?), ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND state = ?`;

export const updateChangedFlowColumns = (db: Db) => {
  /** One statement per set of changed columns: a handful, one per kind of step. */
  const statements = new Map<string, string>();
  return async (flow: Flow, expected: FlowState, previous: Flow): Promise<boolean> => {
    const next = flowColumnValues(flow);
    const before = flowColumnValues(previous);
    const changed = FLOW_COLUMNS.flatMap((column, i) => (column === 'data' || next[i] !== before[i] ? [i] : []));
    const key = changed.join(',');
    let sql = statements.get(key);
    if (sql === undefined) {
      sql = statementFor(changed.map((i) => FLOW_COLUMNS[i]));
      statements.set(key, sql);
    }
    const values: SqlValue[] = [flow.revokedAt, ...changed.map((i) => next[i]), flow.id, expected];
    return (await db.execute(sql, values)) === 1;
  };
};
