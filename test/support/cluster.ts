/**
 * The several-node topology of docs/operations/deployment.md, started by the suite itself: N Olympus
 * nodes (child processes, default 3) on one fresh PostgreSQL database behind nginx (round robin, no
 * stickiness), everything on 127.0.0.1. The public and admin URLs are nginx's; every response names
 * the node that served it in X-Olympus-Node (`serve.node_id`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDsn } from './databases.ts';
import { freePort } from './server.ts';
import { startNginx, type RunningNginx } from './cluster-nginx.ts';
import { lostPortRace, startNode, type ClusterNode } from './cluster-node.ts';

export const NODE_HEADER = 'x-olympus-node';

export interface ClusterOptions {
  nodes?: number;
  /** Merged into every node's configuration file (top-level keys replaced, `serve` kept). */
  config?: Record<string, unknown>;
}

export interface Cluster {
  /** nginx's public and admin origins: what browsers, apps and operators use. */
  publicUrl: string;
  adminUrl: string;
  dsn: string;
  nodes: ClusterNode[];
  /** A configuration file of the cluster (the first node's), for CLI commands such as the janitor. */
  configPath: string;
  stop(): Promise<void>;
}

const PORT_ATTEMPTS = 5;

/** Retries `start` with fresh ports when another process bound a picked port first. */
const withPortRetries = async <T>(start: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (!lostPortRace(error) || attempt === PORT_ATTEMPTS) throw error;
    }
  }
};

const secret = (): string => randomBytes(32).toString('base64url');

export const startCluster = async (options: ClusterOptions = {}): Promise<Cluster> => {
  const count = options.nodes ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'olympus-cluster-'));
  const dsn = await freshDsn('postgres');
  const nodes: ClusterNode[] = [];
  let nginx: RunningNginx | undefined;
  const stop = async (): Promise<void> => {
    await nginx?.stop();
    await Promise.all(nodes.map((node) => node.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports = await Promise.all(Array.from({ length: count }, async () => ({ public: await freePort(), admin: await freePort() })));
    const lb = await withPortRetries(async () => {
      const listen = { public: await freePort(), admin: await freePort() };
      nginx = await startNginx(join(dir, 'nginx'), listen, { public: ports.map((p) => p.public), admin: ports.map((p) => p.admin) });
      return listen;
    });
    const publicUrl = `http://127.0.0.1:${lb.public}`;
    const adminUrl = `http://127.0.0.1:${lb.admin}`;
    // Every node shares the database and the secrets: a cookie, a sealed state or a key sealed on one opens on all.
    const shared = { dsn, data_dir: dir, secrets: { system: [secret()], cookie: [secret()] }, ...options.config };
    const configOf = (index: number, own: { public: number; admin: number }) => ({
      ...shared,
      serve: {
        public: { base_url: publicUrl, host: '127.0.0.1', port: own.public },
        admin: { base_url: adminUrl, host: '127.0.0.1', port: own.admin },
        node_id: `node-${index + 1}`,
        // nginx on the same host: its X-Forwarded-For names the client (docs/operations/deployment.md).
        trusted_proxies: ['loopback'],
      },
    });
    const upstreams = () => ({ public: ports.map((p) => p.public), admin: ports.map((p) => p.admin) });
    const launch = async (index: number): Promise<ClusterNode> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await startNode(dir, { id: `node-${index + 1}`, publicPort: ports[index].public, adminPort: ports[index].admin, config: configOf(index, ports[index]) });
        } catch (error) {
          if (!lostPortRace(error) || attempt === PORT_ATTEMPTS) throw error;
          ports[index] = { public: await freePort(), admin: await freePort() };
          await nginx!.reconfigure(upstreams());
        }
      }
    };
    // The first node alone applies the migrations, the default keys and the demo identity (--dev); the others find them.
    nodes.push(await launch(0));
    nodes.push(...await Promise.all(Array.from({ length: count - 1 }, (_, i) => launch(i + 1))));
    return { publicUrl, adminUrl, dsn, nodes, configPath: nodes[0].configPath, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
