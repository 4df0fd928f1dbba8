/**
 * Start-up and idle memory (issue 14 §3: ready ≤ 1 s, idle RSS ≤ 120 MB):
 *
 *   node bench/startup.ts [--runs 5] [--mode dev,production] [--idle 5] [--json out.json]
 *
 * Each run spawns `node apps/cli/src/main.ts serve …` with the Node running this script and times
 * the spawn until `GET /health/ready` answers 200, then waits `--idle` seconds and reads the
 * process' VmRSS from /proc/<pid>/status. Every mode starts once unmeasured first, so the disk
 * is warm, the --dev secrets and SQLite file exist and the migrations are applied: what is measured
 * is a node restarting on an existing database, as in production.
 *
 * - dev: `serve --dev` in a temporary working directory (its data/ folder holds secrets and SQLite).
 * - production: `serve --config <file>` on a SQLite file migrated beforehand with `migrate up`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const MAIN = fileURLToPath(new URL('../apps/cli/src/main.ts', import.meta.url));
const MODES = ['dev', 'production'] as const;
type Mode = (typeof MODES)[number];
const READY_TIMEOUT_MS = 60_000;
const POLL_MS = 5;

interface Sample {
  readyMs: number;
  /** CPU the node used until ready (user + system), steadier than readyMs on a busy machine. */
  cpuMs: number;
  rssMb: number;
}

const freePort = async (): Promise<number> => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
};

interface Setup {
  args: string[];
  env: Record<string, string>;
  cwd: string;
  readyUrl: string;
}

const devSetup = async (dir: string): Promise<Setup> => {
  const [pub, admin] = [await freePort(), await freePort()];
  return {
    args: ['serve', '--dev'],
    cwd: dir,
    env: { OLYMPUS_PUBLIC_URL: `http://127.0.0.1:${pub}`, OLYMPUS_ADMIN_URL: `http://127.0.0.1:${admin}` },
    readyUrl: `http://127.0.0.1:${pub}/health/ready`,
  };
};

/** A production config on SQLite (https issuer behind a TLS-terminating proxy, plain HTTP listener), migrated once. */
const productionSetup = async (dir: string): Promise<Setup> => {
  const [pub, admin] = [await freePort(), await freePort()];
  const file = join(dir, 'olympus.yaml');
  writeFileSync(
    file,
    [
      `dsn: sqlite://${join(dir, 'olympus.sqlite')}`,
      'secrets:',
      `  system: ["${'s'.repeat(40)}"]`,
      'serve:',
      '  public:',
      '    base_url: https://auth.example.test',
      `    port: ${pub}`,
      '  admin:',
      `    base_url: http://127.0.0.1:${admin}`,
      '  shutdown:',
      '    drain_delay: 0s',
      '',
    ].join('\n'),
  );
  const migrated = spawnSync(process.execPath, [MAIN, 'migrate', 'up', '--config', file], { cwd: dir, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`migrate up failed: ${migrated.stderr}`);
  return { args: ['serve', '--config', file], cwd: dir, env: {}, readyUrl: `http://127.0.0.1:${pub}/health/ready` };
};

const isReady = async (url: string): Promise<boolean> => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
};

/** utime + stime of /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms on Linux). */
const cpuMsOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const rssMbOf = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? NaN) / 1024;
};

const stop = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
};

const startOnce = async (setup: Setup, idleMs: number): Promise<Sample> => {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, ...setup.args], {
    cwd: setup.cwd,
    env: { ...process.env, OLYMPUS_LOG_LEVEL: 'warn', ...setup.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  try {
    while (!(await isReady(setup.readyUrl))) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error(`not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const readyMs = performance.now() - started;
    const cpuMs = cpuMsOf(child.pid as number);
    await new Promise((r) => setTimeout(r, idleMs));
    return { readyMs, cpuMs, rssMb: rssMbOf(child.pid as number) };
  } finally {
    await stop(child);
  }
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const measureMode = async (mode: Mode, runs: number, idleMs: number): Promise<Sample[]> => {
  const dir = mkdtempSync(join(tmpdir(), `olympus-startup-${mode}-`));
  try {
    const setup = mode === 'dev' ? await devSetup(dir) : await productionSetup(dir);
    await startOnce(setup, 0); // warm: disk cache, --dev secrets, database and demo user exist afterwards
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await startOnce(setup, idleMs));
    return samples;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      mode: { type: 'string', default: MODES.join(',') },
      idle: { type: 'string', default: '5' },
      json: { type: 'string' },
    },
  });
  const modes = values.mode.split(',').filter((m): m is Mode => (MODES as readonly string[]).includes(m));
  const runs = Math.max(1, Number(values.runs));
  const idleMs = Number(values.idle) * 1000;
  const result: Record<string, { samples: Sample[]; readyMs: number; cpuMs: number; rssMb: number }> = {};
  for (const mode of modes) {
    const samples = await measureMode(mode, runs, idleMs);
    const summary = { readyMs: median(samples.map((s) => s.readyMs)), cpuMs: median(samples.map((s) => s.cpuMs)), rssMb: median(samples.map((s) => s.rssMb)) };
    result[mode] = { samples, ...summary };
    const each = samples.map((s) => `${s.readyMs.toFixed(0)} ms/${s.cpuMs} ms CPU/${s.rssMb.toFixed(0)} MB`).join(', ');
    process.stdout.write(
      `${mode.padEnd(10)} ready ${summary.readyMs.toFixed(0)} ms (CPU ${summary.cpuMs.toFixed(0)} ms), idle RSS ${summary.rssMb.toFixed(1)} MB; median of ${runs}: ${each}\n`,
    );
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
};

await main();
