/**
 * `olympus janitor [dsn]`: deletes expired and revoked tokens, requests and consent sessions, and
 * the identity server's ended flows, sessions and codes, in batches (Hydra's `hydra janitor`, which replaced the removed flush endpoint). The work happens in
 * apps/server/src/janitor.ts, loaded only when this command runs.
 */
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import type { Flags } from '../options.ts';

/** Hydra computes expiry from these; Olympus stores each row's expiry, so they change nothing. */
const HYDRA_LIFESPANS = ['access-lifespan', 'refresh-lifespan', 'consent-request-lifespan'] as const;

const durationFlag = async (flags: Flags, name: string): Promise<number | undefined> => {
  const text = flags.string(name);
  if (text === undefined) return undefined;
  const { parseDuration } = await import('@olympus/config');
  try {
    return parseDuration(text);
  } catch {
    throw new UsageError(`flag --${name} needs a duration like "24h" or "30m", got "${text}"`);
  }
};

const keepIfYoungerMs = async (flags: Flags): Promise<number> => (await durationFlag(flags, 'keep-if-younger')) ?? 0;

const limits = (flags: Flags): { limit: number; batchSize: number } => {
  const limit = flags.integer('limit', { min: 1 }) ?? 10_000;
  const batchSize = flags.integer('batch-size', { min: 1 }) ?? 100;
  if (batchSize > limit) throw new UsageError(`flag --batch-size (${batchSize}) must not be greater than --limit (${limit})`);
  return { limit, batchSize };
};

export const janitor: Command = {
  verb: 'janitor',
  nouns: [],
  summary: 'Delete expired and revoked tokens, requests and consent sessions',
  args: { usage: '[<dsn>]', min: 0, max: 1 },
  options: {
    tokens: { type: 'boolean', description: 'clean expired codes, access and refresh tokens, client assertion ids, and ended identity sessions' },
    requests: { type: 'boolean', description: 'clean expired login/consent and self-service flows, ended login sessions, and spent one-time codes' },
    grants: { type: 'boolean', description: 'clean revoked or no longer remembered consent sessions without tokens' },
    courier: { type: 'boolean', description: 'also clean sent and abandoned courier messages (kept otherwise)' },
    audit: { type: 'boolean', description: 'clean audit events older than audit.retention (docs/operations/audit.md)' },
    'audit-retention': { type: 'string', value: 'duration', description: 'keep audit events this long, overriding audit.retention (needed with a DSN alone)' },
    traces: { type: 'boolean', description: 'clean trace events older than trace.retention (docs/operations/tracing.md)' },
    'trace-retention': { type: 'string', value: 'duration', description: 'keep trace events this long, overriding trace.retention (needed with a DSN alone)' },
    'keep-if-younger': { type: 'string', value: 'duration', description: 'keep rows that expired less than this long ago', default: '0s' },
    limit: { type: 'string', value: 'n', description: 'at most this many rows per table in one run', default: '10000' },
    'batch-size': { type: 'string', value: 'n', description: 'rows per DELETE statement (each its own short transaction)', default: '100' },
    config: { type: 'string', short: 'c', value: 'file', description: 'configuration file naming the database' },
    dsn: { type: 'string', value: 'dsn', description: 'database to clean, overriding the configuration' },
    'read-from-env': { type: 'boolean', short: 'e', description: 'read the DSN from $OLYMPUS_DSN (or $DSN, as hydra does)' },
    dev: { type: 'boolean', description: 'use the development defaults (local SQLite file)' },
    ...Object.fromEntries(HYDRA_LIFESPANS.map((name) => [name, {
      type: 'string' as const, value: 'duration', description: 'accepted for hydra compatibility; ignored (each row stores its expiry)',
    }])),
  },
  details:
    'With none of --tokens, --requests, --grants, --audit, --traces, all five run. --courier adds courier messages to whatever runs.\n' +
    'Audit events go once older than audit.retention from the configuration or --audit-retention, trace events once\n' +
    'older than trace.retention or --trace-retention; with a DSN alone and no such flag they are kept.\n' +
    'Never deleted: anything unexpired and unrevoked, used refresh tokens of a live grant before they expire,\n' +
    'remembered consents, revoked-grant markers, live identity sessions, queued courier messages.\n' +
    'See docs/operations/janitor.md.\n\n' +
    'Examples:\n  olympus janitor postgres://olympus:secret@db/olympus\n  olympus janitor -e --tokens --keep-if-younger 24h\n' +
    '  olympus janitor -c olympus.yml --limit 100000 --batch-size 500',
  async run({ flags, args, io }) {
    const fromEnv = flags.boolean('read-from-env') ? (io.env.OLYMPUS_DSN || io.env.DSN) : undefined;
    if (flags.boolean('read-from-env') && !fromEnv) throw new UsageError('flag --read-from-env needs $OLYMPUS_DSN (or $DSN) to be set');
    const dsn = flags.string('dsn') ?? args[0] ?? fromEnv;
    const ignored = HYDRA_LIFESPANS.filter((name) => flags.has(name));
    if (ignored.length > 0) io.stderr(`note: ${ignored.map((name) => `--${name}`).join(', ')} ignored: Olympus deletes rows by their stored expiry\n`);
    const configPath = flags.string('config');
    const auditRetentionMs = await durationFlag(flags, 'audit-retention');
    const traceRetentionMs = await durationFlag(flags, 'trace-retention');
    const options = {
      ...(dsn ? { dsn } : {}),
      ...(configPath ? { configPath } : {}),
      dev: flags.boolean('dev') === true,
      tokens: flags.boolean('tokens') === true,
      requests: flags.boolean('requests') === true,
      grants: flags.boolean('grants') === true,
      ...(flags.boolean('courier') ? { courier: true } : {}),
      ...(flags.boolean('audit') ? { audit: true } : {}),
      ...(auditRetentionMs === undefined ? {} : { auditRetentionMs }),
      ...(flags.boolean('traces') ? { traces: true } : {}),
      ...(traceRetentionMs === undefined ? {} : { traceRetentionMs }),
      keepIfYoungerMs: await keepIfYoungerMs(flags),
      ...limits(flags),
    };
    const { janitorCommand } = await io.loadServer();
    const text = await janitorCommand(options);
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  },
};
