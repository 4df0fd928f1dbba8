/**
 * What a Db tells the operator's metrics about itself (docs/operations/observability.md): how many
 * rows each group commit carried, how long callers waited for a connection, and, read on demand
 * when metrics are scraped, how busy the connections are. Storage imports no metrics library; the
 * composition root implements this over Prometheus.
 */
export interface DbPoolStats {
  /** Connections the pool may open (1 for SQLite's single connection). */
  max: number;
  /** Connections running a statement or holding a transaction. */
  inUse: number;
  /** Open connections waiting for work. */
  idle: number;
  /** Callers queued for a connection. */
  waiting: number;
}

export interface DbObserver {
  /** One group commit (group-commit.ts) wrote `rows` rows in one commit. */
  groupCommitted(rows: number): void;
  /** A caller waited `ms` for a connection (PostgreSQL's pool; SQLite: for the open transaction to end). */
  connectionWaited(ms: number): void;
  /** Hands the observer a reader of the pool's occupancy, called at scrape time only. */
  watchPool(read: () => DbPoolStats): void;
}
