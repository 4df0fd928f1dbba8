/**
 * One fuzzed property and how it is run: the suite (test/fuzz) and `npm run fuzz` (scripts/fuzz.ts)
 * run the same definitions, only the number of inputs differs. fast-check stops a property at its
 * first counterexample and shrinks it; the report names the seed and path that replay it
 * (docs/operations/fuzzing.md).
 */
import fc from 'fast-check';

export interface FuzzProperty {
  name: string;
  /** Its share of a run's inputs, relative to the other properties of the same run. */
  weight: number;
  property: fc.IRawProperty<any, boolean>;
}

export interface FuzzOutcome {
  name: string;
  runs: number;
  failures: number;
  ms: number;
  /** fast-check's report of the shrunk counterexample, with seed and path; undefined when it held. */
  report?: string;
}

/** The suite's seed unless FUZZ_SEED says otherwise, so a failure in CI reproduces on any machine. */
export const DEFAULT_SEED = 13;

export const fuzzSeed = (): number => {
  const raw = process.env.FUZZ_SEED;
  return raw === undefined || raw === '' ? DEFAULT_SEED : Number(raw);
};

/** Splits `total` inputs over the properties by weight, each getting at least `floor`. */
export const runsByWeight = (properties: readonly FuzzProperty[], total: number, floor = 1): Map<string, number> => {
  const sum = properties.reduce((s, p) => s + p.weight, 0);
  return new Map(properties.map((p) => [p.name, Math.max(floor, Math.round((total * p.weight) / sum))]));
};

export const runProperty = async (p: FuzzProperty, numRuns: number, seed = fuzzSeed(), path?: string): Promise<FuzzOutcome> => {
  const started = performance.now();
  const details = await fc.check(p.property, { numRuns, seed, ...(path ? { path } : {}) });
  const ms = Math.round(performance.now() - started);
  const runs = details.numRuns + details.numSkips;
  if (!details.failed) return { name: p.name, runs, failures: 0, ms };
  return { name: p.name, runs, failures: 1, ms, report: `${p.name}: ${fc.defaultReportMessage(details)}\nReplay: FUZZ_SEED=${details.seed} npm run fuzz -- --only "${p.name}" --path "${details.counterexamplePath}"` };
};

/** For node:test: runs the property and fails with fast-check's report (seed and path included). */
export const assertProperty = async (p: FuzzProperty, numRuns: number): Promise<void> => {
  const outcome = await runProperty(p, numRuns);
  if (outcome.report) throw new Error(outcome.report);
};
