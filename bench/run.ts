/**
 * `npm run bench`: Olympus on durable storage against oidc-provider and a bare node:http server
 * (bench/README.md). Each target runs alone in its own child process; autocannon drives it from here.
 * Exits 0 after printing, whatever the ratios: it is a measurement. Exits 1 only when a target
 * did not start or a run failed en masse (> 1 % of requests non-2xx, unanswered or wrong).
 */
import { startTarget, type RunningTarget } from './child.ts';
import { failureShare, measure, type Load } from './measure.ts';
import { parseOptions, USAGE, type BenchOptions } from './options.ts';
import { CAVEATS, goalsReport, machineFacts, resultsTable, type Results } from './report.ts';
import { measureRawArgon2 } from './argon2-raw.ts';
import { driveFor, loginFlowsNeeded, refreshTokensNeeded, SCENARIO_TITLES, ScenarioUnavailable } from './scenarios.ts';
import { RAW_ARGON2, targetsFor, type Target } from './targets.ts';

const say = (text: string): void => void process.stdout.write(text);
const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

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

/** Runs every chosen scenario against one target; returns what went wrong. */
const benchTarget = async (target: Target, options: BenchOptions, results: Results, argon2PerSec: number): Promise<string[]> => {
  say(`\n▶ ${target.label}: starting… `);
  let prepared: Awaited<ReturnType<Target['prepare']>> | undefined;
  let running: RunningTarget;
  try {
    prepared = await target.prepare();
    running = await startTarget(target.entry, prepared.env);
  } catch (error) {
    await prepared?.cleanup().catch(() => {});
    say('did not start\n');
    return [`${target.label} did not start: ${reason(error)}`];
  }
  say('ready\n');
  const problems: string[] = [];
  const load: Load = { connections: options.connections, duration: options.duration, warmup: options.warmup };
  try {
    for (const scenario of options.scenarios.filter((s) => !target.only || target.only.includes(s))) {
      say(`  ${SCENARIO_TITLES[scenario].padEnd(20)} `);
      try {
        const loginFlows = loginFlowsNeeded(scenario, options.connections, argon2PerSec, Math.max(options.duration, options.warmup));
        const fixtures = () => running.fixtures(refreshTokensNeeded(scenario, options.connections), loginFlows);
        const nextDrive = async () => driveFor(scenario, await fixtures(), target.checksBodies);
        const m = await measure(nextDrive, load);
        results.get(scenario)!.set(target.id, m);
        say(`${Math.round(m.reqPerSec).toLocaleString('en')} req/s, p99 ${m.p99} ms, ${m.non2xx} non-2xx, ${m.errors} errors\n`);
        if (failureShare(m) > 0.01) {
          problems.push(`${SCENARIO_TITLES[scenario]} on ${target.label}: ${(failureShare(m) * 100).toFixed(1)} % of requests failed (statuses ${JSON.stringify(m.statusCodes)}, ${m.errors} errors, ${m.invalid} wrong bodies)`);
        }
      } catch (error) {
        if (error instanceof ScenarioUnavailable) {
          say(`skipped: ${error.message}\n`);
          continue;
        }
        say('error\n');
        problems.push(`${SCENARIO_TITLES[scenario]} on ${target.label}: ${reason(error)}`);
      }
    }
  } finally {
    await running.stop();
    await prepared.cleanup().catch((error: unknown) => problems.push(`cleaning up after ${target.label}: ${reason(error)}`));
  }
  return problems;
};

const options = readOptions();
say(`Olympus benchmark\n${machineFacts(options)}\n`);
const targets = targetsFor(options.databases);
const results: Results = new Map(options.scenarios.map((s) => [s, new Map()]));
const problems: string[] = [];
let argon2PerSec = 0;
if (options.scenarios.includes('login')) {
  say(`\n▶ ${RAW_ARGON2.label}: `);
  const raw = await measureRawArgon2({ connections: options.connections, duration: options.duration, warmup: options.warmup });
  results.get('login')!.set(RAW_ARGON2.id, raw);
  argon2PerSec = raw.reqPerSec;
  say(`${Math.round(raw.reqPerSec).toLocaleString('en')} verifications/s, p99 ${raw.p99} ms\n`);
  if (raw.invalid > 0) problems.push(`${RAW_ARGON2.label}: ${raw.invalid} verifications of the right password failed`);
}
for (const target of targets) {
  const only = target.only;
  if (only && !options.scenarios.some((s) => only.includes(s))) continue;
  problems.push(...(await benchTarget(target, options, results, argon2PerSec)));
}

say(`\n${resultsTable(results, [...targets, RAW_ARGON2])}\n\nTargets (bench/README.md):\n${goalsReport(results, options.databases)}\n\nCaveats:\n${CAVEATS}\n`);
if (problems.length > 0) {
  process.stderr.write(`\nThe benchmark is not valid:\n${problems.map((p) => `  • ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.exit(0);
