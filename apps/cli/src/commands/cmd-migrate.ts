/**
 * `olympus migrate up|status`: applies or lists database migrations. `migrate sql [dsn]` is
 * hydra's spelling of `up` and is accepted as such (`-e` reads the DSN from $DSN, as in hydra).
 */
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';

const ACTIONS: Record<string, 'up' | 'status'> = { up: 'up', sql: 'up', status: 'status' };

export const migrate: Command = {
  verb: 'migrate',
  nouns: [],
  summary: 'Apply database migrations (up) or list them (status)',
  args: { usage: 'up|status [<dsn>]', min: 1, max: 2 },
  options: {
    config: { type: 'string', short: 'c', value: 'file', description: 'configuration file naming the database' },
    dsn: { type: 'string', value: 'dsn', description: 'database to migrate, overriding the configuration' },
    'read-from-env': { type: 'boolean', short: 'e', description: 'read the DSN from $DSN' },
    dev: { type: 'boolean', description: 'use the development defaults (local SQLite file)' },
    yes: { type: 'boolean', short: 'y', description: 'accepted for hydra compatibility; migrate never asks' },
  },
  details:
    'Examples:\n  olympus migrate up --dsn postgres://olympus:secret@db/olympus\n  olympus migrate status -c olympus.yml',
  async run({ flags, args, io }) {
    const [actionName, positionalDsn] = args;
    const action = ACTIONS[actionName];
    if (!action) throw new UsageError(`unknown migrate action "${actionName}": use up or status`);
    const dsn = flags.string('dsn') ?? positionalDsn ?? (flags.boolean('read-from-env') ? io.env.DSN : undefined);
    if (flags.boolean('read-from-env') && !dsn) throw new UsageError('flag --read-from-env needs $DSN to be set');
    const configPath = flags.string('config');
    const { migrateCommand } = await io.loadServer();
    const text = await migrateCommand({
      action,
      dev: flags.boolean('dev') === true,
      ...(configPath ? { configPath } : {}),
      ...(dsn ? { dsn } : {}),
    });
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  },
};
