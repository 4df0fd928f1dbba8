import { loadConfig } from '@olympus/config';
import type { IdentityJanitorCounts, IdentityJanitorSelection } from '@olympus/identity';
import type { JanitorCounts, JanitorSelection } from '@olympus/oauth2';
import { createAuditStore, createOAuth2Storage, createTraceStore, migrationStatus, openDatabase, sqlIdentityJanitorStore } from '@olympus/storage';

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
  /** Delete audit events older than the retention; like Hydra's kinds, none named means this one too. */
  audit?: boolean;
  /** Overrides `audit.retention`; with a DSN alone and no override, audit events are kept (the retention is unknown). */
  auditRetentionMs?: number;
  /** Delete trace events older than `trace.retention` (docs/operations/tracing.md); none named means this one too. */
  traces?: boolean;
  /** Overrides `trace.retention`; with a DSN alone and no override, trace events are kept. */
  traceRetentionMs?: number;
  /** Hydra's --keep-if-younger: rows that expired less than this long ago stay. */
  keepIfYoungerMs: number;
  /** At most this many rows per table in one run. */
  limit: number;
  /** Rows per DELETE statement. */
  batchSize: number;
  /** Epoch ms; tests fix it. */
  now?: number;
}

type Counts = JanitorCounts & IdentityJanitorCounts & { traceEvents: number; auditEvents: number };

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
  traceEvents: 'trace events',
  auditEvents: 'audit events',
};

/** Hydra's rule: no kind named means every kind. Client-assertion jtis are cleaned with the tokens. */
const selectionOf = (opts: JanitorCommandOptions): JanitorSelection => {
  const all = !opts.tokens && !opts.requests && !opts.grants && !opts.audit && !opts.traces;
  const tokens = all || opts.tokens === true;
  return { tokens, requests: all || opts.requests === true, grants: all || opts.grants === true, jtis: tokens };
};

/** Identity rows ride on Hydra's kinds: flows and codes are requests, sessions are tokens; the courier only on request. */
const identitySelectionOf = (what: JanitorSelection, opts: JanitorCommandOptions): IdentityJanitorSelection =>
  ({ flows: what.requests, codes: what.requests, sessions: what.tokens, courier: opts.courier === true });

/**
 * The database, and how long audit events are kept (docs/operations/audit.md): the flag, else the
 * configuration's `audit.retention` whenever a configuration is read. A DSN alone names no retention,
 * and guessing one could delete what an operator keeps longer, so then none is returned.
 */
const settingsOf = async (opts: JanitorCommandOptions): Promise<{ dsn: string; auditRetentionMs?: number; traceRetentionMs?: number }> => {
  const config = opts.dsn && !opts.configPath ? undefined : await loadConfig({ dev: opts.dev === true, configPath: opts.configPath });
  const auditRetentionMs = opts.auditRetentionMs ?? config?.audit.retention;
  const traceRetentionMs = opts.traceRetentionMs ?? config?.trace.retention;
  return {
    dsn: opts.dsn || config!.dsn,
    ...(auditRetentionMs === undefined ? {} : { auditRetentionMs }),
    ...(traceRetentionMs === undefined ? {} : { traceRetentionMs }),
  };
};

/** The audit part of a run: whether it was asked for, and the cutoff when the retention is known. */
interface AuditSweep {
  audit: boolean;
  auditBefore?: number;
}

const auditNote = ({ audit, auditBefore }: AuditSweep): string[] => {
  if (!audit) return [];
  if (auditBefore === undefined) return ['Audit events were kept: with a DSN alone the retention is unknown; pass -c <config> or --audit-retention <duration>.'];
  return [`Audit events were deleted when older than ${new Date(auditBefore).toISOString()} (the audit retention).`];
};

/** The trace part of a run, like the audit part: asked for, and the cutoff when `trace.retention` is known. */
interface TraceSweep {
  traces: boolean;
  tracesBefore?: number;
}

const traceNote = ({ traces, tracesBefore }: TraceSweep): string[] => {
  if (!traces) return [];
  if (tracesBefore === undefined) return ['Trace events were kept: with a DSN alone the retention is unknown; pass -c <config> or --trace-retention <duration>.'];
  return [`Trace events were deleted when older than ${new Date(tracesBefore).toISOString()} (the trace retention).`];
};

const report = (counts: Counts, before: number, what: JanitorSelection & { courier: boolean } & AuditSweep & TraceSweep, limit: number): string => {
  // The audit log's own cutoff is stated below the counts (auditNote).
  const kinds = (['tokens', 'requests', 'grants', 'courier'] as const).filter((kind) => what[kind]).join(', ') || 'audit only';
  const width = Math.max(...Object.values(LABELS).map((label) => label.length)) + 2;
  const lines = [`Deleted (${kinds}; expired or revoked before ${new Date(before).toISOString()}):`];
  for (const [key, label] of Object.entries(LABELS) as [keyof Counts, string][]) {
    lines.push(`  ${label.padEnd(width)}${counts[key]}`);
  }
  const capped = (Object.keys(LABELS) as (keyof Counts)[]).filter((key) => limit > 0 && counts[key] >= limit);
  lines.push(...auditNote(what), ...traceNote(what));
  if (capped.length > 0) lines.push(`The limit of ${limit} rows was reached for ${capped.map((key) => LABELS[key]).join(', ')}: run the janitor again to delete more.`);
  return lines.join('\n');
};

/**
 * `olympus janitor [dsn]` (Hydra's `hydra janitor`): deletes expired and revoked rows of both
 * servers in small batches and reports how many of each. Safe to run while Olympus serves; see
 * docs/operations/janitor.md.
 */
export const janitorCommand = async (opts: JanitorCommandOptions): Promise<string> => {
  const settings = await settingsOf(opts);
  const db = await openDatabase(settings.dsn);
  try {
    const pending = (await migrationStatus(db)).filter((m) => !m.applied);
    if (pending.length > 0) {
      throw new Error(`The database schema is not current (${pending.length} migration(s) pending). Run "olympus migrate up" first.`);
    }
    const now = opts.now ?? Date.now();
    const before = now - opts.keepIfYoungerMs;
    const what = selectionOf(opts);
    const batches = { before, limit: opts.limit, batchSize: opts.batchSize };
    const oauth2 = await createOAuth2Storage(db).janitor.deleteExpired({ ...batches, what });
    const identity = await sqlIdentityJanitorStore(db).deleteExpired({ ...batches, what: identitySelectionOf(what, opts) });
    const noneNamed = !opts.tokens && !opts.requests && !opts.grants && !opts.audit && !opts.traces;
    const audit: AuditSweep = {
      audit: opts.audit === true || noneNamed,
      ...(settings.auditRetentionMs === undefined ? {} : { auditBefore: now - settings.auditRetentionMs }),
    };
    const auditEvents = audit.audit && audit.auditBefore !== undefined
      ? await createAuditStore(db).deleteOlderThan(audit.auditBefore, opts.limit, opts.batchSize)
      : 0;
    const traces: TraceSweep = {
      traces: opts.traces === true || noneNamed,
      ...(settings.traceRetentionMs === undefined ? {} : { tracesBefore: now - settings.traceRetentionMs }),
    };
    const traceEvents = traces.traces && traces.tracesBefore !== undefined
      ? await createTraceStore(db).deleteOlderThan(traces.tracesBefore, opts.limit, opts.batchSize)
      : 0;
    return report({ ...oauth2, ...identity, traceEvents, auditEvents }, before, { ...what, courier: opts.courier === true, ...audit, ...traces }, opts.limit);
  } finally {
    await db.close();
  }
};
