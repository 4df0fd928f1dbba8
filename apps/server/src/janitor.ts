import { loadConfig } from '@olympus/config';
import type { JanitorCounts, JanitorSelection } from '@olympus/oauth2';
import { createOAuth2Storage, migrationStatus, openDatabase } from '@olympus/storage';

export interface JanitorCommandOptions {
  /** The database; without it, the one the configuration names. */
  dsn?: string;
  configPath?: string;
  dev?: boolean;
  /** Hydra's --tokens, --requests, --grants; none set means all three. */
  tokens?: boolean;
  requests?: boolean;
  grants?: boolean;
  /** Hydra's --keep-if-younger: rows that expired less than this long ago stay. */
  keepIfYoungerMs: number;
  /** At most this many rows per table in one run. */
  limit: number;
  /** Rows per DELETE statement. */
  batchSize: number;
  /** Epoch ms; tests fix it. */
  now?: number;
}

const LABELS: Record<keyof JanitorCounts, string> = {
  codes: 'authorization codes',
  accessTokens: 'access tokens',
  refreshTokens: 'refresh tokens',
  flows: 'login/consent flows',
  authSessions: 'authentication sessions',
  jtis: 'client assertion jtis',
};

/** Hydra's rule: no kind named means every kind. Client-assertion jtis are cleaned with the tokens. */
const selectionOf = (opts: JanitorCommandOptions): JanitorSelection => {
  const all = !opts.tokens && !opts.requests && !opts.grants;
  const tokens = all || opts.tokens === true;
  return { tokens, requests: all || opts.requests === true, grants: all || opts.grants === true, jtis: tokens };
};

const databaseOf = async (opts: JanitorCommandOptions): Promise<string> => {
  if (opts.dsn) return opts.dsn;
  return (await loadConfig({ dev: opts.dev === true, configPath: opts.configPath })).dsn;
};

const report = (counts: JanitorCounts, before: number, what: JanitorSelection, limit: number): string => {
  const kinds = (['tokens', 'requests', 'grants'] as const).filter((kind) => what[kind]).join(', ');
  const width = Math.max(...Object.values(LABELS).map((label) => label.length)) + 2;
  const lines = [`Deleted (${kinds}; expired or revoked before ${new Date(before).toISOString()}):`];
  for (const [key, label] of Object.entries(LABELS) as [keyof JanitorCounts, string][]) {
    lines.push(`  ${label.padEnd(width)}${counts[key]}`);
  }
  const capped = (Object.keys(LABELS) as (keyof JanitorCounts)[]).filter((key) => limit > 0 && counts[key] >= limit);
  if (capped.length > 0) lines.push(`The limit of ${limit} rows was reached for ${capped.map((key) => LABELS[key]).join(', ')}: run the janitor again to delete more.`);
  return lines.join('\n');
};

/**
 * `olympus janitor [dsn]` (Hydra's `hydra janitor`): deletes expired and revoked rows in small
 * batches and reports how many of each. Safe to run while Olympus serves; see docs/operations/janitor.md.
 */
export const janitorCommand = async (opts: JanitorCommandOptions): Promise<string> => {
  const db = await openDatabase(await databaseOf(opts));
  try {
    const pending = (await migrationStatus(db)).filter((m) => !m.applied);
    if (pending.length > 0) {
      throw new Error(`The database schema is not current (${pending.length} migration(s) pending). Run "olympus migrate up" first.`);
    }
    const before = (opts.now ?? Date.now()) - opts.keepIfYoungerMs;
    const what = selectionOf(opts);
    const counts = await createOAuth2Storage(db).janitor.deleteExpired({ before, limit: opts.limit, batchSize: opts.batchSize, what });
    return report(counts, before, what, opts.limit);
  } finally {
    await db.close();
  }
};
