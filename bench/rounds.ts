/**
 * The alternating rounds: every target's child is started once and kept; then, round after round,
 * each scenario runs on each target in turn (A B C D, A B C D, …), one under load at a time while
 * the others wait idle. Drift of the machine (other work, thermal, the page cache) thus lands on
 * every target alike instead of on whichever ran last, and each round yields comparable figures.
 */
import { measureRawArgon2 } from './argon2-raw.ts';
import { startTarget, type RunningTarget } from './child.ts';
import { failureShare, measure, type Load, type Measurement } from './measure.ts';
import type { BenchOptions } from './options.ts';
import { driveFor, loginFlowsNeeded, refreshTokensNeeded, SCENARIO_TITLES, ScenarioUnavailable, ssoSessionsNeeded, type ScenarioName } from './scenarios.ts';
import { measureSso } from './sso/loop.ts';
import { lineUp, RAW_ARGON2, type Target } from './targets.ts';

/** scenario → target id → its measurement in each round (a gap where a round's run broke). */
export type Results = Map<ScenarioName, Map<string, (Measurement | undefined)[]>>;

interface Started {
  target: Target;
  running: RunningTarget;
  cleanup: () => Promise<void>;
}

const say = (text: string): void => void process.stdout.write(text);
export const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Starts each target's child; the ones that do not start are reported and left out. */
export const startAll = async (targets: Target[], problems: string[]): Promise<Started[]> => {
  const started: Started[] = [];
  for (const target of targets) {
    say(`▶ ${target.label}: starting… `);
    let prepared: Awaited<ReturnType<Target['prepare']>> | undefined;
    try {
      prepared = await target.prepare();
      started.push({ target, running: await startTarget(target.entry, prepared.env), cleanup: prepared.cleanup });
      say('ready\n');
    } catch (error) {
      await prepared?.cleanup().catch(() => {});
      say('did not start\n');
      problems.push(`${target.label} did not start: ${reason(error)}`);
    }
  }
  return started;
};

export const stopAll = async (started: Started[], problems: string[]): Promise<void> => {
  for (const { target, running, cleanup } of started) {
    await running.stop();
    await cleanup().catch((error: unknown) => problems.push(`cleaning up after ${target.label}: ${reason(error)}`));
  }
};

/** One scenario on one started target: warm-up and measured run, each on fresh fixtures. */
const measureOn = async (scenario: ScenarioName, { target, running }: Started, options: BenchOptions, argon2PerSec: number): Promise<Measurement> => {
  const load: Load = { connections: options.connections, duration: options.duration, warmup: options.warmup };
  const fixtures = () => running.fixtures({
    refreshTokens: refreshTokensNeeded(scenario, options.connections),
    loginFlows: loginFlowsNeeded(scenario, options.connections, argon2PerSec, Math.max(options.duration, options.warmup)),
    ssoSessions: ssoSessionsNeeded(scenario, options.connections),
  });
  if (scenario !== 'sso') return measure(async () => driveFor(scenario, await fixtures(), target.checksBodies), load);
  return measureSso(async () => {
    const { sso } = await fixtures();
    if (!sso) throw new ScenarioUnavailable('this build cannot sign a browser in');
    return sso;
  }, load, target.checksBodies);
};

const describe = (m: Measurement): string =>
  `${Math.round(m.reqPerSec).toLocaleString('en')}/s, p99 ${m.p99} ms, ${m.non2xx} non-2xx, ${m.errors} errors`;

/** Runs every round; fills `results` and returns what went wrong. */
export const runRounds = async (started: Started[], options: BenchOptions, results: Results): Promise<string[]> => {
  const problems: string[] = [];
  const unavailable = new Set<string>();
  let argon2PerSec = 0;
  const record = (scenario: ScenarioName, target: Target, round: number, m: Measurement): void => {
    const byTarget = results.get(scenario)!;
    if (!byTarget.has(target.id)) byTarget.set(target.id, []);
    byTarget.get(target.id)![round] = m;
    say(`${describe(m)}\n`);
    if (failureShare(m) > 0.01) {
      problems.push(`round ${round + 1}, ${SCENARIO_TITLES[scenario]} on ${target.label}: ${(failureShare(m) * 100).toFixed(1)} % of requests failed (statuses ${JSON.stringify(m.statusCodes)}, ${m.errors} errors, ${m.invalid} wrong bodies)`);
    }
  };
  for (let round = 0; round < options.rounds; round++) {
    say(`\n━━ round ${round + 1} of ${options.rounds}\n`);
    for (const scenario of options.scenarios) {
      const startedTargets = started.map((s) => s.target);
      for (const target of lineUp(scenario, startedTargets)) {
        if (unavailable.has(`${scenario}/${target.id}`)) continue;
        say(`  ${SCENARIO_TITLES[scenario].padEnd(20)} ${target.label.padEnd(34)} `);
        if (target === RAW_ARGON2) {
          const raw = await measureRawArgon2({ connections: options.connections, duration: options.duration, warmup: options.warmup });
          argon2PerSec = raw.reqPerSec;
          if (raw.invalid > 0) problems.push(`${RAW_ARGON2.label}: ${raw.invalid} verifications of the right password failed`);
          record(scenario, target, round, raw);
          continue;
        }
        try {
          record(scenario, target, round, await measureOn(scenario, started.find((s) => s.target === target)!, options, argon2PerSec));
        } catch (error) {
          if (error instanceof ScenarioUnavailable) {
            unavailable.add(`${scenario}/${target.id}`);
            say(`skipped: ${error.message}\n`);
            continue;
          }
          say('error\n');
          problems.push(`round ${round + 1}, ${SCENARIO_TITLES[scenario]} on ${target.label}: ${reason(error)}`);
        }
      }
    }
  }
  return problems;
};
