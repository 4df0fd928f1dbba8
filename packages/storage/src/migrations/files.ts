import { readdirSync, readFileSync } from 'node:fs';
import type { Dialect } from '../db/types.ts';

/** One schema version: `NNNN_name.sqlite.sql` and `NNNN_name.postgres.sql` side by side. */
export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.(sqlite|postgres)\.sql$/;
const folder = new URL('./', import.meta.url);
let loaded: Migration[] | undefined;

/** The migrations shipped with this build, oldest first; each must exist for both dialects. */
export const loadMigrations = (): Migration[] => {
  if (loaded !== undefined) return loaded;
  const byVersion = new Map<number, { name: string; sql: Partial<Record<Dialect, string>> }>();
  for (const file of readdirSync(folder).sort()) {
    const match = FILE.exec(file);
    if (match === null) continue;
    const [, version, name, dialect] = match as unknown as [string, string, string, Dialect];
    const entry = byVersion.get(Number(version)) ?? { name, sql: {} };
    if (entry.name !== name) throw new Error(`Migration ${version} has two names: ${entry.name} and ${name}`);
    entry.sql[dialect] = readFileSync(new URL(file, folder), 'utf8');
    byVersion.set(Number(version), entry);
  }
  loaded = [...byVersion.entries()]
    .sort(([a], [b]) => a - b)
    .map(([version, { name, sql }]) => {
      if (sql.sqlite === undefined || sql.postgres === undefined) {
        throw new Error(`Migration ${version}_${name} must exist as both .sqlite.sql and .postgres.sql`);
      }
      return { version, name, sql: { sqlite: sql.sqlite, postgres: sql.postgres } };
    });
  return loaded;
};
