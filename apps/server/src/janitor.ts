import { loadConfig } from '@olympus/config';
import type { IdentityJanitorCounts, IdentityJanitorSelection } from '@olympus/identity';
import type { JanitorCounts, JanitorSelection } from '@olympus/oauth2';
import { createOAuth2Storage, migrationStatus, openDatabase, sqlIdentityJanitorStore } from '@olympus/storage';

export interface JanitorCommandOptions {
  /** The database; without it, the one the configuration names. */
  dsn?: string;
  configPath?: string;
  dev?: boolean;
  /** Hydra's --tokens, --requests, --grants; none set means all three. */
  tokens?: boolean;
  requests?: boolean;
  grants?: boolean;
  /** Also delete sent and abandoned courier messages (kept otherwise: they are the outbox's history). */
  courier?: boolean;
  /** Hydra's --keep-if-younger: rows that expired less than this long ago stay. */
  keepIfYoungerMs: number;
  /** At most this many rows per table in one run. */
  limit: number;
  /** Rows per DELETE statement. */
  batchSize: number;
  /** Epoch ms; tests fix it. */
  now?: number;
}

type Counts = JanitorCounts & IdentityJanitorCounts;

const LABELS: Record<keyof Counts, string> = {
  codes: 'authorization codes',
  accessTokens: 'access tokens',
  refreshTokens: 'refresh tokens',
  flows: 'login/consent flows',
  authSessions: 'authentication sessions',
  jtis: 'client assertion jtis',
  selfServiceFlows: 'self-service flows',
  oneTimeCodes: 'one-time codes',
  codeSubmissions: 'code submission counters',
  sessions: 'identity sessions',
  courierMessages: 'courier messages',
};

/** Hydra's rule: no kind named means every kind. Client-assertion jtis are cleaned with the tokens. */
const selectionOf = (opts: JanitorCommandOptions): JanitorSelection => {
  const all = !opts.tokens && !opts.requests && !opts.grants;
  const tokens = all || opts.tokens === true;
  return { tokens, requests: all || opts.requests === true, grants: all || opts.grants === true, jtis: tokens };
};

/** Identity rows ride on Hydra's kinds: flows and codes are requests, sessions are tokens; the courier only on request. */
const identitySelectionOf = (what: JanitorSelection, opts: JanitorCommandOptions): IdentityJanitorSelection =>
  ({ flows: what.requests, codes: what.requests, sessions: what.tokens, courier: opts.courier === true });

const databaseOf = async (opts: JanitorCommandOptions): Promise<string> => {
  if (opts.dsn) return opts.dsn;
  return (await loadConfig({ dev: opts.dev === true, configPath: opts.configPath })).dsn;
};

const report = (counts: Counts, before: number, what: JanitorSelection & { courier: boolean }, limit: number): string => {
  const kinds = (['tokens', 'requests', 'grants', 'courier'] as const).filter((kind) => what[kind]).join(', ');
  const width = Math.max(...Object.values(LABELS).map((label) => label.length)) + 2;
  const lines = [`Deleted (${kinds}; expired or revoked before ${new Date(before).toISOString()}):`];
  for (const [key, label] of Object.entries(LABELS) as [keyof Counts, string][]) {
    lines.push(`  ${label.padEnd(width)}${counts[key]}`);
  }
  const capped = (Object.keys(LABELS) as (keyof Counts)[]).filter((key) => limit > 0 && counts[key] >= limit);
  if (capped.length > 0) lines.push(`The limit of ${limit} rows was reached for ${capped.map((key) => LABELS[key]).join(', ')}: run the janitor again to delete more.`);
  return lines.join('\n');
};

/**
 * `olympus janitor [dsn]` (Hydra's `hydra janitor`): deletes expired and revoked rows of both
 * servers in small batches and reports how many of each. Safe to run while Olympus serves; see
 * docs/operations/janitor.md.
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
    const batches = { before, limit: opts.limit, batchSize: opts.batchSize };
    const oauth2 = await createOAuth2Storage(db).janitor.deleteExpired({ ...batches, what });
    const identity = await sqlIdentityJanitorStore(db).deleteExpired({ ...batches, what: identitySelectionOf(what, opts) });
    return report({ ...oauth2, ...identity }, before, { ...what, courier: opts.courier === true }, opts.limit);
  } finally {
    await db.close();
  }
};
