import { loadConfig } from '@olympus/config';
import { migrate, migrationStatus, openDatabase } from '@olympus/storage';

/** `olympus migrate up|status`: applies or lists the versioned schema migrations. */
export const migrateCommand = async (opts: { action: 'up' | 'status'; configPath?: string; dsn?: string; dev: boolean }): Promise<string> => {
  const env = opts.dsn ? { ...process.env, OLYMPUS_DSN: opts.dsn } : process.env;
  const config = await loadConfig({ dev: opts.dev, configPath: opts.configPath, env });
  const db = await openDatabase(config.dsn);
  try {
    if (opts.action === 'up') {
      const before = (await migrationStatus(db)).filter((m) => !m.applied).length;
      await migrate(db, 'up');
      return before === 0 ? 'The database is up to date; nothing to apply.' : `Applied ${before} migration(s).`;
    }
    const rows = await migrationStatus(db);
    return rows.map((m) => `${m.applied ? 'applied' : 'pending'}  ${m.version}  ${m.name}`).join('\n');
  } finally {
    await db.close();
  }
};
