/**
 * Debian's Chromium for the browser tests (docs/architecture.md §8): playwright-core drives /usr/bin/chromium, never a
 * browser of its own download. When Chromium is missing it is installed with apt-get, non-interactively
 * (CI has no stdin); when that is impossible the run fails with the reason, so browser tests are never
 * skipped silently. Already installed, this is one existsSync.
 *
 *   node scripts/ensure-chromium.ts     installs if needed and prints the path and version.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const say = (line: string): void => void process.stdout.write(`Chromium: ${line}\n`);

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

export const chromiumVersion = (path = CHROMIUM_PATH): string =>
  spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? 'unknown';

const install = async (): Promise<void> => {
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM_PATH} not found and not root: install Debian's chromium package (apt-get install -y chromium) to run the browser tests`);
  }
  // Another apt run (the PostgreSQL set-up, a second test run) may hold the lock: wait for it.
  const wait = ['-o', 'DPkg::Lock::Timeout=600'];
  const started = Date.now();
  say(`${CHROMIUM_PATH} not found; installing Debian's chromium package (one time, about a minute)`);
  say('apt-get update…');
  await run('apt-get', [...wait, 'update']);
  say('apt-get install -y chromium…');
  await run('apt-get', [...wait, 'install', '-y', 'chromium']);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`);
  say(`installed ${chromiumVersion()} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

/** The path of Debian's Chromium, installing it first when missing; rejects with the reason otherwise. */
export const ensureChromium = async (): Promise<string> => {
  if (!existsSync(CHROMIUM_PATH)) {
    try {
      await install();
    } catch (error) {
      throw new Error(`Chromium is required by the browser tests and could not be installed: ${(error as Error).message}`);
    }
  }
  return CHROMIUM_PATH;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = await ensureChromium();
  say(`${path} (${chromiumVersion(path)})`);
}
