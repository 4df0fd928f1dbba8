/**
 * Debian's Chromium for the browser tests (docs/architecture.md §8): playwright-core drives /usr/bin/chromium, never a
 * browser of its own download. When Chromium is missing it is installed with apt-get, non-interactively
 * (CI has no stdin); when that is impossible the run fails with the reason, so browser tests are never
 * skipped silently. Already installed, this is one existsSync.
 *
 *   node scripts/ensure-chromium.ts     installs if needed and prints the path and version.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aptGet } from './apt.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const say = (line: string): void => void process.stdout.write(`Chromium: ${line}\n`);

export const chromiumVersion = (path = CHROMIUM_PATH): string =>
  spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? 'unknown';

const install = async (): Promise<void> => {
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM_PATH} not found and not root: install Debian's chromium package (apt-get install -y chromium) to run the browser tests`);
  }
  const started = Date.now();
  say(`${CHROMIUM_PATH} not found; installing Debian's chromium package (one time, about a minute)`);
  say('apt-get update…');
  await aptGet('update');
  say('apt-get install -y chromium…');
  await aptGet('install', '-y', 'chromium');
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
