/**
 * Debian's nginx for the cluster test (docs/operations/deployment.md): the load balancer in front of three
 * Olympus nodes. When `nginx` is missing it is installed with apt-get, non-interactively (nginx-light,
 * else nginx); when that is impossible the run fails with the reason, so the cluster test is never
 * skipped silently. Already installed, this is a few existsSync calls.
 *
 *   node scripts/ensure-nginx.ts     installs if needed and prints the path and version.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aptGet } from './apt.ts';

const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];
const PACKAGES = ['nginx-light', 'nginx'];

const say = (line: string): void => void process.stdout.write(`nginx: ${line}\n`);

const found = (): string | undefined => CANDIDATES.find((path) => existsSync(path));

/** `nginx -v` prints to stderr: "nginx version: nginx/1.22.1". */
export const nginxVersion = (path: string): string => spawnSync(path, ['-v'], { encoding: 'utf8' }).stderr?.trim() ?? 'unknown';

const install = async (): Promise<string> => {
  if (process.getuid?.() !== 0) {
    throw new Error('nginx not found and not root: install Debian\'s nginx-light (or nginx) package (apt-get install -y nginx-light) to run the cluster test');
  }
  const started = Date.now();
  say('not found; installing Debian\'s nginx-light package (one time, a few seconds)');
  await aptGet('update');
  const failures: string[] = [];
  for (const name of PACKAGES) {
    try {
      await aptGet('install', '-y', '--no-install-recommends', name);
      const path = found();
      if (path === undefined) throw new Error(`apt-get installed ${name} but no nginx binary is in ${CANDIDATES.join(', ')}`);
      say(`installed ${nginxVersion(path)} (${name}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return path;
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  throw new Error(failures.join('\n'));
};

/** The path of nginx, installing it first when missing; rejects with the reason otherwise. */
export const ensureNginx = async (): Promise<string> => {
  const path = found();
  if (path !== undefined) return path;
  try {
    return await install();
  } catch (error) {
    throw new Error(`nginx is required by the cluster test and could not be installed: ${(error as Error).message}`);
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = await ensureNginx();
  say(`${path} (${nginxVersion(path)})`);
}
