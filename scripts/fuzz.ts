/**
 * `npm run fuzz`: the suite's fuzzed properties (test/support/fuzz) with many more inputs —
 * 1,000,000 by default, most on the pure functions, a share over HTTP against one real server per
 * database (SQLite, and PostgreSQL from OLYMPUS_TEST_PG_DSN or a throwaway one). Prints runs,
 * failures and time per property and exits 1 on any failure, with the seed and path that replay it.
 *
 *   npm run fuzz -- [--runs N] [--http-share 0.02] [--seed S] [--only "name"] [--path P] [--no-http]
 *
 * FUZZ_RUNS and FUZZ_SEED set the same as --runs and --seed (docs/operations/fuzzing.md).
 */
import { parseArgs } from 'node:util';
import { startTestPostgres } from './pg.ts';
import { startTestServer } from '../test/support/server.ts';
import { httpProperties } from '../test/support/fuzz/http-properties.ts';
import { prepareTarget } from '../test/support/fuzz/http-target.ts';
import { fuzzSeed, runProperty, runsByWeight, type FuzzOutcome, type FuzzProperty } from '../test/support/fuzz/property.ts';
import { unitProperties } from '../test/support/fuzz/unit-properties.ts';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.FUZZ_RUNS ?? '1000000' },
    'http-share': { type: 'string', default: '0.02' },
    seed: { type: 'string' },
    only: { type: 'string' },
    path: { type: 'string' },
    'no-http': { type: 'boolean', default: false },
  },
});
const total = Number(opts.runs);
const httpShare = opts['no-http'] ? 0 : Number(opts['http-share']);
const seed = opts.seed === undefined ? fuzzSeed() : Number(opts.seed);
const selected = (p: FuzzProperty): boolean => opts.only === undefined || p.name === opts.only;

const outcomes: FuzzOutcome[] = [];
const report = (label: string, o: FuzzOutcome): void => {
  outcomes.push(o);
  process.stdout.write(`${o.failures ? 'FAIL' : 'ok  '} ${String(o.runs).padStart(9)} runs ${String(o.ms).padStart(8)} ms  ${label}${o.name}\n`);
  if (o.report) process.stdout.write(`${o.report}\n`);
};

const runAll = async (properties: FuzzProperty[], budget: number, label: string): Promise<void> => {
  const chosen = properties.filter(selected);
  const runs = runsByWeight(chosen, budget);
  for (const p of chosen) report(label, await runProperty(p, runs.get(p.name)!, seed, opts.path));
};

const main = async (): Promise<number> => {
  const started = performance.now();
  process.stdout.write(`Fuzzing with seed ${seed}: ${total} inputs, ${Math.round(httpShare * 100)} % of them over HTTP.\n`);
  await runAll(unitProperties, Math.round(total * (1 - httpShare)), '');
  if (httpShare > 0) {
    process.env.OLYMPUS_LOG_LEVEL ??= 'silent';
    const pg = await startTestPostgres();
    process.env.OLYMPUS_TEST_PG_DSN = pg.dsn;
    try {
      for (const kind of ['sqlite', 'postgres'] as const) {
        const olympus = await startTestServer(kind);
        try {
          await runAll(httpProperties(await prepareTarget(olympus)), Math.round((total * httpShare) / 2), `[${kind}] `);
        } finally {
          await olympus.close();
        }
      }
    } finally {
      await pg.stop();
    }
  }
  const runs = outcomes.reduce((s, o) => s + o.runs, 0);
  const failures = outcomes.reduce((s, o) => s + o.failures, 0);
  process.stdout.write(`\n${runs} inputs, ${failures} failing properties, ${Math.round((performance.now() - started) / 1000)} s.\n`);
  return failures === 0 ? 0 : 1;
};

process.exitCode = await main();
