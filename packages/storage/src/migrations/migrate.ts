import type { Db } from '../db/types.ts';
import { loadMigrations } from './files.ts';

export interface MigrationState {
  version: number;
  name: string;
  applied: boolean;
  /** Epoch milliseconds; null while pending. */
  appliedAt: number | null;
}

/** Any constant: the key of the PostgreSQL advisory lock that serialises concurrent migrators. */
const MIGRATION_LOCK = 0x4f6c796d;

const CREATE_TABLE =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';

/**
 * Applies every pending migration in one transaction and returns what it applied (empty when the
 * schema is current). Safe when several processes start at once: PostgreSQL waits on an advisory
 * lock, SQLite on BEGIN IMMEDIATE; the loser then finds the versions applied and does nothing.
 * Only `up` exists: a schema is never rolled back by the server itself.
 */
export const migrate = async (db: Db, direction: 'up' = 'up'): Promise<MigrationState[]> => {
  if (direction !== 'up') throw new Error(`Unsupported migration direction "${String(direction)}": only "up" exists`);
  return db.transaction(async (tx) => {
    // As a script, so the wait is bounded by the migrations' timeout, not a request's: another node may
    // hold the lock for as long as its DDL takes on a large table (docs/operations/deployment.md).
    if (tx.dialect === 'postgres') await tx.exec(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.exec(CREATE_TABLE);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: MigrationState[] = [];
    for (const migration of loadMigrations()) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql[tx.dialect]);
      const appliedAt = Date.now();
      await tx.execute('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version, migration.name, appliedAt,
      ]);
      applied.push({ version: migration.version, name: migration.name, applied: true, appliedAt });
    }
    return applied;
  });
};

/** Every known migration and whether it is applied, plus versions a newer build applied. */
export const migrationStatus = async (db: Db): Promise<MigrationState[]> => {
  const rows = (await hasMigrationTable(db))
    ? await db.query<{ version: number; name: string; applied_at: number }>(
        'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
      )
    : [];
  const applied = new Map(rows.map((row) => [row.version, row]));
  const states: MigrationState[] = loadMigrations().map(({ version, name }) => {
    const row = applied.get(version);
    return { version, name, applied: row !== undefined, appliedAt: row?.applied_at ?? null };
  });
  const known = new Set(states.map((s) => s.version));
  for (const row of rows) {
    if (!known.has(row.version)) states.push({ version: row.version, name: row.name, applied: true, appliedAt: row.applied_at });
  }
  return states.sort((a, b) => a.version - b.version);
};

const hasMigrationTable = async (db: Db): Promise<boolean> => {
  const sql = db.dialect === 'postgres'
    ? "SELECT 1 AS present WHERE to_regclass('schema_migrations') IS NOT NULL"
    : "SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
  return (await db.query(sql)).length > 0;
};
