import { readdirSync, readFileSync } from 'node:fs';
import type { Dialect } from '../db/types.ts';
import { spellFor } from './dialect-terms.ts';

/**
 * One schema version, written once as `NNNN_name.sql` with `{{term}}` for the words the dialects
 * spell differently (dialect-terms.ts). Where a statement itself differs, `NNNN_name.sqlite.sql` or
 * `NNNN_name.postgres.sql` takes the place of the shared file for that dialect. The version and name
 * are what schema_migrations records, so a file may be reworded but never renumbered or renamed.
 */
export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

const FILE = /^(\d{4})_([a-z0-9_]+)(?:\.(sqlite|postgres))?\.sql$/;
const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
const shipped = new URL('./', import.meta.url);
let loaded: Migration[] | undefined;

interface Sources {
  name: string;
  /** File name per dialect, or `shared` for NNNN_name.sql. */
  files: Partial<Record<Dialect | 'shared', string>>;
}

/** The migrations shipped with this build, oldest first. */
export const loadMigrations = (): Migration[] => (loaded ??= readMigrations(shipped));

/** The migrations in `folder`, oldest first, each spelled for both dialects. */
export const readMigrations = (folder: URL): Migration[] => {
  const byVersion = new Map<number, Sources>();
  for (const file of readdirSync(folder).sort()) {
    const match = FILE.exec(file);
    if (match === null) continue;
    const [, version, name, dialect] = match as unknown as [string, string, string, Dialect | undefined];
    const sources = byVersion.get(Number(version)) ?? { name, files: {} };
    if (sources.name !== name) throw new Error(`Migration ${version} has two names: ${sources.name} and ${name}`);
    sources.files[dialect ?? 'shared'] = file;
    byVersion.set(Number(version), sources);
  }
  return [...byVersion.entries()]
    .sort(([a], [b]) => a - b)
    .map(([version, sources]) => ({ version, name: sources.name, sql: spelled(folder, version, sources) }));
};

const spelled = (folder: URL, version: number, { name, files }: Sources): Record<Dialect, string> => {
  const label = `${String(version).padStart(4, '0')}_${name}`;
  if (files.shared !== undefined && DIALECTS.every((d) => files[d] !== undefined)) {
    throw new Error(`Migration ${label}.sql is never used: both dialects have their own file`);
  }
  const sqlOf = (dialect: Dialect): string => {
    const file = files[dialect] ?? files.shared;
    if (file === undefined) throw new Error(`Migration ${label} needs ${label}.sql or ${label}.${dialect}.sql`);
    return spellFor(dialect, readFileSync(new URL(file, folder), 'utf8'), file);
  };
  return { sqlite: sqlOf('sqlite'), postgres: sqlOf('postgres') };
};
