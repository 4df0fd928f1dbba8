/**
 * nginx as the cluster's load balancer (docs/operations/deployment.md): round robin over every node, no
 * stickiness, kept-alive upstream connections and the proxy headers the deployment guide recommends.
 * It runs in the foreground (`daemon off`) as a child process with its own prefix, pid file, logs and
 * temp folders in a temp dir, and stops with QUIT (graceful) or KILL after a bound.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ensureNginx } from '../../scripts/ensure-nginx.ts';

export interface NginxPorts {
  public: number;
  admin: number;
}

export interface Upstreams {
  public: number[];
  admin: number[];
}

const upstream = (name: string, ports: number[]): string =>
  `  upstream ${name} {\n${ports.map((port) => `    server 127.0.0.1:${port};`).join('\n')}\n    keepalive 32;\n  }`;

/** The proxy directives of one origin: HTTP/1.1 with keep-alive to the nodes, the client's view in X-Forwarded-*. */
const server = (listen: number, name: string): string => `  server {
    listen 127.0.0.1:${listen};
    location / {
      proxy_pass http://${name};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_next_upstream error timeout;
    }
  }`;

/** The whole nginx.conf of the test topology; `dir` holds its pid, logs and temp folders. */
export const nginxConfig = (dir: string, ports: NginxPorts, upstreams: Upstreams): string => `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log ${join(dir, 'access.log')};
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
${upstream('olympus_public', upstreams.public)}
${upstream('olympus_admin', upstreams.admin)}
${server(ports.public, 'olympus_public')}
${server(ports.admin, 'olympus_admin')}
}
`;

export interface RunningNginx {
  child: ChildProcess;
  /** Rewrites the upstreams and reloads (SIGHUP): a node moved to other ports. */
  reconfigure(upstreams: Upstreams): Promise<void>;
  stop(): Promise<void>;
}

const STOP_BOUND_MS = 5_000;

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/** Polls until nginx accepts connections on `port`, or rejects with its error log when it exits first. */
const waitListening = async (child: ChildProcess, port: number, dir: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`nginx exited ${child.exitCode}: ${readFileSync(join(dir, 'error.log'), 'utf8').trim().split('\n').slice(-5).join('\n')}`);
    }
    // A TCP connect, not a request: a proxied request before the nodes listen would count as an upstream failure.
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port} within 10 s`);
};

/** Starts nginx with the topology's configuration; rejects (nginx stopped) when it cannot bind. */
export const startNginx = async (dir: string, ports: NginxPorts, upstreams: Upstreams): Promise<RunningNginx> => {
  const binary = await ensureNginx();
  mkdirSync(dir, { recursive: true });
  // Workers run as an unprivileged user when the master is root: they must reach the temp folders.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'error.log'), '');
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(dir, ports, upstreams));
  const child = spawn(binary, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGQUIT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_BOUND_MS);
    await exited(child);
    clearTimeout(timer);
  };
  const reconfigure = async (next: Upstreams): Promise<void> => {
    writeFileSync(conf, nginxConfig(dir, ports, next));
    child.kill('SIGHUP');
    // The master starts workers with the new configuration and retires the old ones gracefully.
    await new Promise((resolve) => setTimeout(resolve, 500));
  };
  try {
    await waitListening(child, ports.public, dir);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, reconfigure, stop };
};
