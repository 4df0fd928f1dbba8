import { Gauge, Histogram, type Registry } from 'prom-client';
import type { DbObserver, DbPoolStats } from '@olympus/storage';

/**
 * The database as the operator sees it: connections in use, idle and waited for (read from the pool
 * at scrape time), each wait for a connection, and the rows each group commit carried.
 */
export const databaseMetrics = (registry: Registry): DbObserver => {
  const registers = [registry];
  let read: (() => DbPoolStats) | undefined;
  const gauge = (name: string, help: string, pick: (stats: DbPoolStats) => number): void => {
    new Gauge({
      name, help, registers,
      collect() {
        if (read !== undefined) this.set(pick(read()));
      },
    });
  };
  gauge('olympus_db_connections_max', 'Connections the pool may open (1 for SQLite).', (s) => s.max);
  gauge('olympus_db_connections_in_use', 'Connections running a statement or holding a transaction.', (s) => s.inUse);
  gauge('olympus_db_connections_idle', 'Open connections waiting for work.', (s) => s.idle);
  gauge('olympus_db_connections_waiting', 'Callers queued for a connection.', (s) => s.waiting);
  const waited = new Histogram({
    name: 'olympus_db_connection_wait_seconds',
    help: 'Time a statement or transaction waited for a connection (SQLite: for the open transaction to end).',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers,
  });
  const batches = new Histogram({
    name: 'olympus_db_group_commit_rows',
    help: 'Rows written by one group commit (token inserts of one event-loop turn sharing a commit).',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers,
  });
  return {
    groupCommitted: (rows) => batches.observe(rows),
    connectionWaited: (ms) => waited.observe(ms / 1000),
    watchPool: (reader) => {
      read = reader;
    },
  };
};
