/**
 * The servers compared. Each runs in its own child process, started once and kept for the whole
 * bench; only one is under load at a time while the others wait idle. A target's database lives
 * as long as its child.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase, startTestPostgres } from '../scripts/pg.ts';
import { LOGIN_SCENARIOS, type ScenarioName } from './scenarios.ts';
import { OIDC_SQLITE_ENV, OLYMPUS_DSN_ENV } from './targets/protocol.ts';

export type Database = 'sqlite' | 'postgres';

export interface Target {
  id: string;
  label: string;
  /** Child entry point, relative to this folder. */
  entry: string;
  /** The bare ceiling answers one fixed body; the others have their bodies checked. */
  checksBodies: boolean;
  /** The scenarios it can run, when not all (only Olympus has password login). */
  only?: readonly ScenarioName[];
  /** Environment for the child, and what to undo once it has stopped. */
  prepare(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
}

const here = (file: string): string => join(import.meta.dirname, file);

const OAUTH2_SCENARIOS: readonly ScenarioName[] = ['cc', 'refresh', 'introspect', 'sso'];

const noPreparation = async () => ({ env: {}, cleanup: async () => {} });

/** A SQLite file in a temp folder of its own, named to the child by `variable`, removed afterwards. */
const sqliteFile = (variable: string, file: string, dsn: (path: string) => string) => async () => {
  const dir = mkdtempSync(join(tmpdir(), 'olympus-bench-'));
  return {
    env: { [variable]: dsn(join(dir, file)) },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const olympusOnSqlite: Target = {
  id: 'olympus-sqlite',
  label: 'Olympus (SQLite)',
  entry: here('targets/olympus.ts'),
  checksBodies: true,
  prepare: sqliteFile(OLYMPUS_DSN_ENV, 'olympus.sqlite', (path) => `sqlite://${path}`),
};

const olympusOnPostgres: Target = {
  id: 'olympus-postgres',
  label: 'Olympus (PostgreSQL)',
  entry: here('targets/olympus.ts'),
  checksBodies: true,
  /** A fresh database, also when OLYMPUS_TEST_PG_DSN points at a server that has other data. */
  async prepare() {
    const pg = await startTestPostgres();
    const name = `olympus_bench_${randomBytes(5).toString('hex')}`;
    try {
      const dsn = await createDatabase(pg.dsn, name);
      const cleanup = async () => {
        await dropDatabase(pg.dsn, name).catch(() => {});
        await pg.stop();
      };
      return { env: { [OLYMPUS_DSN_ENV]: dsn }, cleanup };
    } catch (error) {
      await pg.stop();
      throw error;
    }
  },
};

export const OIDC_PROVIDER: Target = {
  id: 'oidc-provider',
  label: 'oidc-provider (memory)',
  entry: here('targets/oidc-provider.ts'),
  checksBodies: true,
  only: OAUTH2_SCENARIOS,
  prepare: noPreparation,
};

/** The same oidc-provider on oidc-sqlite-adapter.ts: as durable as Olympus on SQLite. */
export const OIDC_PROVIDER_SQLITE: Target = {
  id: 'oidc-provider-sqlite',
  label: 'oidc-provider (SQLite)',
  entry: here('targets/oidc-provider.ts'),
  checksBodies: true,
  only: OAUTH2_SCENARIOS,
  prepare: sqliteFile(OIDC_SQLITE_ENV, 'oidc-provider.sqlite', (path) => path),
};

export const BARE: Target = {
  id: 'bare',
  label: 'bare node:http',
  entry: here('targets/bare.ts'),
  checksBodies: false,
  only: OAUTH2_SCENARIOS,
  prepare: noPreparation,
};

/**
 * Not a server: argon2id verifications in the bench process itself (argon2-raw.ts), the ceiling
 * password login is compared with. Listed so that the table and the goals can name it.
 */
export const RAW_ARGON2: Target = {
  id: 'argon2-raw',
  label: 'raw argon2id verify (in-process)',
  entry: '',
  checksBodies: false,
  only: LOGIN_SCENARIOS,
  prepare: noPreparation,
};

export const OLYMPUS: Record<Database, Target> = { sqlite: olympusOnSqlite, postgres: olympusOnPostgres };

/** The peers every Olympus figure is set against (ratios per round). */
export const PEERS: readonly Target[] = [OIDC_PROVIDER, OIDC_PROVIDER_SQLITE, BARE];

/** The child processes to start: Olympus on each chosen database, then the peers. */
export const targetsFor = (databases: Database[]): Target[] => [...databases.map((db) => OLYMPUS[db]), ...PEERS];

/** Who runs `scenario` within a round, in the order they alternate (the in-process ceiling first). */
export const lineUp = (scenario: ScenarioName, started: Target[]): Target[] =>
  [RAW_ARGON2, ...started].filter((target) => (target.only ?? [scenario]).includes(scenario));
