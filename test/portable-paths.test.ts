/**
 * The repository runs from any folder on any machine: no tracked file may name an absolute path into a
 * home, work or temp folder of the machine it was written on (a test once spawned one checkout's
 * node binary and failed everywhere else). Spawn `process.execPath`, resolve files from
 * `import.meta.url`, build temp paths with `os.tmpdir()`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A path into a home, root, work or temp folder (`/home/<user>/…`, `/tmp/<dir>`), not part of a URL's host or path. */
const MACHINE_PATH = /(?<![\w.~-])\/(?:home|root|work|tmp|var\/tmp|Users)\/[\w.-]/;

const trackedFiles = (): string[] =>
  execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);

const offendingLines = (file: string): string[] => {
  const bytes = readFileSync(join(root, file));
  if (bytes.includes(0)) return []; // binary (a PNG): no paths to read
  return bytes.toString('utf8').split('\n').flatMap((line, i) => (MACHINE_PATH.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
};

test('no tracked file names an absolute path into a home, work or temp folder', () => {
  const offending = trackedFiles().flatMap(offendingLines);
  assert.deepEqual(offending, [], `These lines tie the repository to one machine:\n${offending.join('\n')}`);
});

test('the check recognises the paths it is meant to catch, and leaves URLs alone', () => {
  const slash = '/';
  for (const bad of [`${slash}work${slash}main/node_modules`, `sqlite://${slash}tmp${slash}a.db`, `"${slash}home${slash}me/x"`, `${slash}root${slash}.cache`]) {
    assert.ok(MACHINE_PATH.test(bad), bad);
  }
  for (const good of ['https://example.com/work/x', `${slash}usr${slash}bin/chromium`, 'docs/operations/hera.md', 'sqlite://data/olympus.db']) {
    assert.ok(!MACHINE_PATH.test(good), good);
  }
});
