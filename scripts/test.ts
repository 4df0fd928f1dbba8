/**
 * `npm test`: type-checks, starts a throwaway PostgreSQL (or uses OLYMPUS_TEST_PG_DSN), then runs
 * every test file with node's test runner, so each storage-touching test runs on SQLite and PostgreSQL.
 * Extra arguments are passed to `node --test` (e.g. a file path or --test-name-pattern).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestPostgres } from './pg.ts';
import { ensureChromium } from './ensure-chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const DEFAULT_FILES = ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'];

const typecheck = (): boolean => {
  process.stdout.write('Type-checking (tsc --noEmit)…\n');
  const tsc = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '--noEmit', '-p', `${root}tsconfig.json`], { stdio: 'inherit', cwd: root });
  return tsc.status === 0;
};

const runTests = (dsn: string): Promise<number> =>
  new Promise((resolve) => {
    const files = args.some((a) => !a.startsWith('-')) ? [] : DEFAULT_FILES;
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...args, ...files], {
      stdio: 'inherit',
      cwd: root,
      // Every JSON answer is checked against its route's response schema (docs/operations/openapi.md).
      env: { ...process.env, OLYMPUS_TEST_PG_DSN: dsn, OLYMPUS_LOG_LEVEL: process.env.OLYMPUS_LOG_LEVEL ?? 'silent', OLYMPUS_CHECK_RESPONSE_SCHEMAS: process.env.OLYMPUS_CHECK_RESPONSE_SCHEMAS ?? '1' },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const main = async (): Promise<number> => {
  if (!typecheck()) {
    process.stderr.write('Type errors: fix them before the tests run.\n');
    return 1;
  }
  await ensureChromium();
  const pg = await startTestPostgres();
  process.stdout.write(`PostgreSQL for tests: ${pg.dsn.replace(/:[^:@/]*@/, ':***@')}\n`);
  try {
    return await runTests(pg.dsn);
  } finally {
    await pg.stop();
  }
};

process.exitCode = await main();
