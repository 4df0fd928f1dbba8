/**
 * Debian packages the suite installs itself (Chromium, nginx): `apt-get` non-interactively (CI has no
 * stdin), waiting for another apt run's lock (the PostgreSQL set-up, a second test run), and failing
 * with the tail of its output so the reason is on screen.
 */
import { spawn } from 'node:child_process';

/** Runs a command, keeping the tail of its output so a failure can say why. */
const run = (command: string, args: string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => void (output = (output + chunk.toString()).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => reject(new Error(`${command} could not start: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.trim().split('\n').slice(-15).join('\n')}`));
    });
  });

/** `apt-get <args>`, waiting up to ten minutes for the dpkg lock. */
export const aptGet = (...args: string[]): Promise<void> => run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args]);
