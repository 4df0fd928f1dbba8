/**
 * A throwaway PostgreSQL for tests (docs/architecture.md §8): the machine's PostgreSQL binaries on a temp
 * directory and a free loopback port, trust auth, fsync off. PostgreSQL refuses to run as root, so
 * as root the server runs as the `postgres` user (created when missing) through `runuser`.
 * Where OLYMPUS_TEST_PG_DSN is set, that server is used instead and nothing is started.
 *
 *   node scripts/pg.ts     starts one, prints its DSN, stops it on Ctrl-C.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** DSN of the `olympus_test` database. */
  dsn: string;
  stop(): Promise<void>;
  /** Stops the server like a restart does (fast shutdown), keeping its data; only for a server this process started (`own`). */
  pause(): Promise<void>;
  /** Starts a paused server again on the same port. */
  resume(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pgCtl: string;
}

interface Owner {
  uid: number;
  gid: number;
}

const TEST_DATABASE = 'olympus_test';
const isRoot = process.getuid?.() === 0;

/** `own`: start a server even where OLYMPUS_TEST_PG_DSN names one, for a test that stops and starts it. */
export const startTestPostgres = async (options: { own?: boolean } = {}): Promise<TestPostgres> => {
  const external = process.env.OLYMPUS_TEST_PG_DSN;
  const notOwned = async () => {
    throw new Error('pause/resume need a server of this process: startTestPostgres({ own: true })');
  };
  if (external && options.own !== true) return { dsn: external, stop: async () => {}, pause: notOwned, resume: notOwned };

  const bin = findBinaries() ?? (await installPostgres());
  const owner = isRoot ? await ensurePostgresUser() : undefined;
  const dir = mkdtempSync(join(isRoot ? '/tmp' : tmpdir(), 'olympus-pg-'));
  const server = { bin, owner, dir, data: join(dir, 'data') };
  running.add(server);
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    await runAs(owner, bin.initdb, ['-D', server.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], dir);
    writeSettings(server.data, dir);
    const port = await startOnFreePort(server);
    const base = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const dsn = await createDatabase(base, TEST_DATABASE);
    const log = join(server.dir, 'postgres.log');
    return {
      dsn,
      stop: () => stopServer(server),
      pause: () => runAs(owner, bin.pgCtl, ['-D', server.data, '-m', 'fast', '-w', 'stop'], dir).then(() => undefined),
      resume: () => runAs(owner, bin.pgCtl, ['-D', server.data, '-l', log, '-w', '-t', '60', '-o', `-p ${port}`, 'start'], dir).then(() => undefined),
    };
  } catch (error) {
    await stopServer(server);
    throw error;
  }
};

/** Creates an empty database on the server of `baseDsn` and returns its DSN. */
export const createDatabase = async (baseDsn: string, name: string): Promise<string> => {
  checkName(name);
  await withClient(baseDsn, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(baseDsn);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Drops a database made by createDatabase, closing any connection still open to it. */
export const dropDatabase = async (baseDsn: string, name: string): Promise<void> => {
  checkName(name);
  await withClient(baseDsn, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
};

const checkName = (name: string): void => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid database name ${JSON.stringify(name)}`);
};

const withClient = async <T>(dsn: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: dsn });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

// ── binaries ──────────────────────────────────────────────────────────────────────────────

const binariesIn = (dir: string): Binaries | undefined => {
  const initdb = join(dir, 'initdb');
  const pgCtl = join(dir, 'pg_ctl');
  return existsSync(initdb) && existsSync(pgCtl) && existsSync(join(dir, 'postgres')) ? { initdb, pgCtl } : undefined;
};

/** PATH first, then Debian's /usr/lib/postgresql/<major>/bin, newest major first. */
const findBinaries = (): Binaries | undefined => {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const found = binariesIn(dir);
    if (found) return found;
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  for (const major of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) {
    const found = binariesIn(join(debian, major, 'bin'));
    if (found) return found;
  }
  return undefined;
};

/** apt-get, non-interactive, once: a second process waiting on the lock finds the binaries. */
const installPostgres = async (): Promise<Binaries> => {
  if (!isRoot) throw new Error('PostgreSQL binaries not found and not root: install PostgreSQL or set OLYMPUS_TEST_PG_DSN');
  await withLock(join(tmpdir(), 'olympus-pg-install.lock'), async () => {
    if (findBinaries()) return;
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const wait = ['-o', 'DPkg::Lock::Timeout=600'];
    const aptGet = which('apt-get') ?? 'apt-get';
    await run(aptGet, [...wait, 'update'], { env });
    await run(aptGet, [...wait, 'install', '-y', '--no-install-recommends', 'postgresql'], { env });
  });
  const found = findBinaries();
  if (!found) throw new Error('apt-get installed postgresql but initdb/pg_ctl are still not found');
  return found;
};

// ── the server ────────────────────────────────────────────────────────────────────────────

interface Server {
  bin: Binaries;
  owner: Owner | undefined;
  dir: string;
  data: string;
}

const running = new Set<Server>();

const writeSettings = (data: string, socketDir: string): void => {
  const conf = join(data, 'postgresql.conf');
  const settings = [
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir}'`,
    // A test server's data is thrown away: durability only costs time.
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'max_connections = 300',
  ];
  writeFileSync(conf, `${readFileSync(conf, 'utf8')}\n${settings.join('\n')}\n`);
};

/** Another process may grab the port between probing and binding; then try another one. */
const startOnFreePort = async (server: Server): Promise<number> => {
  const log = join(server.dir, 'postgres.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await runAs(server.owner, server.bin.pgCtl, ['-D', server.data, '-l', log, '-w', '-t', '60', '-o', `-p ${port}`, 'start'], server.dir);
      return port;
    } catch (error) {
      const output = existsSync(log) ? readFileSync(log, 'utf8') : '';
      if (attempt < 5 && /could not bind|address already in use/i.test(output)) continue;
      throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${output}`);
    }
  }
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const stopServer = async (server: Server): Promise<void> => {
  if (!running.delete(server)) return;
  if (existsSync(join(server.data, 'postmaster.pid'))) {
    await runAs(server.owner, server.bin.pgCtl, ['-D', server.data, '-m', 'immediate', '-w', 'stop'], server.dir).catch(() => {});
  }
  rmSync(server.dir, { recursive: true, force: true });
};

/** A test run that ends without calling stop() must not leave a postgres behind. */
process.once('exit', () => {
  for (const server of running) {
    if (existsSync(join(server.data, 'postmaster.pid'))) {
      const args = ['-D', server.data, '-m', 'immediate', '-w', 'stop'];
      const runuser = server.owner && which('runuser');
      if (runuser) spawnSync(runuser, ['-u', 'postgres', '--', server.bin.pgCtl, ...args], { cwd: server.dir, stdio: 'ignore' });
      else spawnSync(server.bin.pgCtl, args, { cwd: server.dir, stdio: 'ignore', ...server.owner });
    }
    rmSync(server.dir, { recursive: true, force: true });
  }
});

// ── processes and users ─────────────────────────────────────────────────────────────────────

const run = (cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(cmd, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });

/** A system tool by name, also where root's tools live when PATH lacks the sbin folders. */
const which = (cmd: string): string | undefined =>
  [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/sbin', '/sbin', '/usr/bin', '/bin']
    .map((dir) => join(dir, cmd))
    .find((path) => existsSync(path));

/**
 * Runs a PostgreSQL tool as `postgres` when we are root (it refuses root), else as ourselves.
 * Without runuser, Node switches the user itself.
 */
const runAs = (owner: Owner | undefined, cmd: string, args: string[], cwd: string): Promise<string> => {
  if (!owner) return run(cmd, args, { cwd });
  const runuser = which('runuser');
  return runuser ? run(runuser, ['-u', 'postgres', '--', cmd, ...args], { cwd }) : run(cmd, args, { cwd, ...owner });
};

const userIds = (): Owner | undefined => {
  const id = which('id') ?? 'id';
  const uid = spawnSync(id, ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync(id, ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
};

const ensurePostgresUser = async (): Promise<Owner> => {
  const existing = userIds();
  if (existing) return existing;
  // A concurrent run may create it first; then useradd fails and the lookup below succeeds.
  await run(which('useradd') ?? 'useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']).catch(() => {});
  const created = userIds();
  if (!created) throw new Error('could not create the postgres user (useradd failed)');
  return created;
};

/** mkdir is atomic: the one that creates the directory holds the lock. Stale after 20 minutes. */
const withLock = async (path: string, fn: () => Promise<void>): Promise<void> => {
  for (;;) {
    try {
      mkdirSync(path);
      break;
    } catch {
      const age = existsSync(path) ? Date.now() - statSync(path).mtimeMs : 0;
      if (age > 20 * 60_000) rmSync(path, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    await fn();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
};

if (import.meta.main) {
  const server = await startTestPostgres();
  process.stdout.write(`OLYMPUS_TEST_PG_DSN=${server.dsn}\n`);
  const stop = (): void => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
