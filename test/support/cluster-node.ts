/**
 * One Olympus node of the test cluster: `olympus serve --dev --config <file>` as a child process of the
 * pinned Node (process.execPath), listening on its own loopback ports while its base URLs are the load
 * balancer's. Ready once its /health/ready answers 200; stopped with SIGTERM, then SIGKILL after a bound.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'apps', 'cli', 'src', 'main.ts');
const START_BOUND_MS = 30_000;
const STOP_BOUND_MS = 10_000;

export interface NodeSpec {
  id: string;
  publicPort: number;
  adminPort: number;
  /** The whole configuration file (JSON is YAML). */
  config: Record<string, unknown>;
}

export interface ClusterNode {
  id: string;
  publicPort: number;
  adminPort: number;
  configPath: string;
  child: ChildProcess;
  /** The last lines the node wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Resident set size in bytes, from /proc (0 once the node has exited). */
  rss(): number;
  stop(): Promise<void>;
}

/** The child's environment without OLYMPUS_* overrides (they would beat the file), its log level kept. */
const childEnv = (): NodeJS.ProcessEnv => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OLYMPUS_')));
  return { ...env, OLYMPUS_LOG_LEVEL: process.env.OLYMPUS_LOG_LEVEL ?? 'warn' };
};

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

const rssOf = (pid: number | undefined): number => {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
};

const waitReady = async (node: ClusterNode): Promise<void> => {
  const deadline = Date.now() + START_BOUND_MS;
  while (Date.now() < deadline) {
    if (node.child.exitCode !== null || node.child.signalCode !== null) throw new Error(`node ${node.id} exited before it was ready:\n${node.output()}`);
    const res = await fetch(`http://127.0.0.1:${node.publicPort}/health/ready`, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
    if (res?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`node ${node.id} was not ready within ${START_BOUND_MS / 1000} s:\n${node.output()}`);
};

/** Starts a node and waits until it is ready; rejects (the node stopped) with its output otherwise. */
export const startNode = async (dir: string, spec: NodeSpec): Promise<ClusterNode> => {
  const configPath = join(dir, `${spec.id}.yml`);
  writeFileSync(configPath, JSON.stringify(spec.config, null, 2), { mode: 0o600 });
  const child = spawn(process.execPath, [MAIN, 'serve', '--dev', '--config', configPath], { cwd: dir, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => void (tail = (tail + chunk.toString()).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const node: ClusterNode = {
    id: spec.id, publicPort: spec.publicPort, adminPort: spec.adminPort, configPath, child,
    output: () => tail,
    rss: () => rssOf(child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_BOUND_MS);
      await exited(child);
      clearTimeout(timer);
    },
  };
  try {
    await waitReady(node);
  } catch (error) {
    await node.stop();
    throw error;
  }
  return node;
};

/** Ports are picked, then bound by the node: another process may take one in between. */
export const lostPortRace = (error: unknown): boolean => /EADDRINUSE|Address already in use/.test((error as Error).message);
