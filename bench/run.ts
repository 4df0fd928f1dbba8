/**
 * `npm run bench`: Olympus on durable storage against oidc-provider (in memory and on SQLite) and a
 * bare node:http server, in alternating rounds (bench/README.md). Each target runs in its own
 * child process, only one under load at a time; the load comes from here. Exits 0 after printing,
 * whatever the ratios: it is a measurement. Exits 1 only when a target did not start or a run
 * failed en masse (> 1 % of requests non-2xx, unanswered or wrong).
 */
import { loadavg } from 'node:os';
import { writeJsonReport } from './json-report.ts';
import { parseOptions, USAGE, type BenchOptions } from './options.ts';
import { CAVEATS, machineFacts, ratiosReport, resultsTable } from './report.ts';
import { reason, runRounds, startAll, stopAll, type Results } from './rounds.ts';
import { ratiosOf, rowsOf } from './summary.ts';
import { RAW_ARGON2, targetsFor } from './targets.ts';

const say = (text: string): void => void process.stdout.write(text);

/** Ctrl-C still runs the exit hooks that stop a throwaway PostgreSQL. */
process.once('SIGINT', () => process.exit(130));

const readOptions = (): BenchOptions => {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${reason(error)}\n${USAGE}\n`);
    process.exit(1);
  }
};

const options = readOptions();
const loadAtStart = loadavg();
say(`Olympus benchmark\n${machineFacts(options)}\n\n`);
const targets = targetsFor(options.databases).filter((t) => options.scenarios.some((s) => (t.only ?? [s]).includes(s)));
const results: Results = new Map(options.scenarios.map((s) => [s, new Map()]));
const problems: string[] = [];
const started = await startAll(targets, problems);
try {
  problems.push(...(await runRounds(started, options, results)));
} finally {
  await stopAll(started, problems);
}

const rows = rowsOf(results, [RAW_ARGON2, ...targets]);
const ratios = ratiosOf(results, options.databases);
say(`\nMedians over ${options.rounds} round(s), per second (SSO: round trips; login: logins or verifications):\n${resultsTable(rows)}\n`);
say(`\nRatios, round by round (both figures from the same round) and their median:\n${ratiosReport(ratios)}\n\nCaveats:\n${CAVEATS}\n`);
if (options.json) {
  writeJsonReport(options.json, { options, loadAtStart, rows, ratios, problems });
  say(`\nWritten: ${options.json}\n`);
}
if (problems.length > 0) {
  process.stderr.write(`\nThe benchmark is not valid:\n${problems.map((p) => `  • ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.exit(0);
