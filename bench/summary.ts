/**
 * From the rounds' figures to what the report states: each target's median over the rounds, and
 * each ratio computed round by round (both figures from the same round, so drift cancels) with
 * its median, marked against the targets bench/README.md lists.
 */
import type { Measurement } from './measure.ts';
import type { Results } from './rounds.ts';
import { LOGIN_SCENARIOS, type ScenarioName } from './scenarios.ts';
import { BARE, OIDC_PROVIDER, OIDC_PROVIDER_SQLITE, OLYMPUS, PEERS, RAW_ARGON2, type Database, type Target } from './targets.ts';

export interface Row {
  scenario: ScenarioName;
  target: Target;
  rounds: (Measurement | undefined)[];
  median: { reqPerSec: number; p50: number; p99: number };
}

export interface Ratio {
  scenario: ScenarioName;
  subject: Target;
  reference: Target;
  /** subject / reference in each round; undefined where either run is missing. */
  perRound: (number | undefined)[];
  median: number | undefined;
  /** Shown as a share of the reference (a ceiling) rather than as a multiple of a peer. */
  asShare: boolean;
  /** The target the median must reach, when there is one. */
  atLeast?: number;
}

export const median = (values: number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const defined = <T>(values: (T | undefined)[]): T[] => values.filter((v): v is T => v !== undefined);

export const rowsOf = (results: Results, targets: Target[]): Row[] =>
  [...results].flatMap(([scenario, byTarget]) =>
    targets.flatMap((target): Row[] => {
      const rounds = byTarget.get(target.id);
      const measured = defined(rounds ?? []);
      if (!rounds || measured.length === 0) return [];
      const of = (pick: (m: Measurement) => number): number => median(measured.map(pick))!;
      return [{ scenario, target, rounds, median: { reqPerSec: of((m) => m.reqPerSec), p50: of((m) => m.p50), p99: of((m) => m.p99) } }];
    }));

type Goals = Partial<Record<ScenarioName, { subject: Target; reference: Target; atLeast: number }[]>>;

/** The targets of bench/README.md, on the median of the per-round ratios. */
const GOALS: Goals = {
  cc: [
    { subject: OLYMPUS.sqlite, reference: OIDC_PROVIDER, atLeast: 2 },
    { subject: OLYMPUS.sqlite, reference: BARE, atLeast: 0.4 },
    { subject: OLYMPUS.postgres, reference: OIDC_PROVIDER, atLeast: 1.2 },
  ],
  refresh: [
    { subject: OLYMPUS.sqlite, reference: OIDC_PROVIDER, atLeast: 1.3 },
    { subject: OLYMPUS.postgres, reference: OIDC_PROVIDER, atLeast: 0.8 },
  ],
  introspect: [
    { subject: OLYMPUS.sqlite, reference: OIDC_PROVIDER, atLeast: 2.5 },
    { subject: OLYMPUS.sqlite, reference: BARE, atLeast: 0.6 },
    { subject: OLYMPUS.postgres, reference: OLYMPUS.sqlite, atLeast: 0.5 },
  ],
  sso: [{ subject: OLYMPUS.sqlite, reference: OIDC_PROVIDER, atLeast: 1.5 }],
  login: [
    { subject: OLYMPUS.sqlite, reference: RAW_ARGON2, atLeast: 0.85 },
    { subject: OLYMPUS.postgres, reference: RAW_ARGON2, atLeast: 0.85 },
  ],
};

/** Who is set against whom: each Olympus against each peer (login: the argon2id ceiling), PostgreSQL against SQLite, the durable peer against the in-memory one. */
const pairs = (scenario: ScenarioName, databases: Database[]): [Target, Target][] => {
  const olympus = databases.map((db) => OLYMPUS[db]);
  const references = LOGIN_SCENARIOS.includes(scenario) ? [RAW_ARGON2] : PEERS;
  return [
    ...olympus.flatMap((subject) => references.map((reference): [Target, Target] => [subject, reference])),
    ...(databases.length === 2 ? [[OLYMPUS.postgres, OLYMPUS.sqlite] as [Target, Target]] : []),
    [OIDC_PROVIDER_SQLITE, OIDC_PROVIDER],
  ];
};

const SHARE_OF = new Set([BARE.id, RAW_ARGON2.id, OLYMPUS.sqlite.id]);

export const ratiosOf = (results: Results, databases: Database[]): Ratio[] =>
  [...results].flatMap(([scenario, byTarget]) =>
    pairs(scenario, databases).flatMap(([subject, reference]): Ratio[] => {
      const [ours, theirs] = [byTarget.get(subject.id), byTarget.get(reference.id)];
      if (!ours || !theirs) return [];
      const rounds = Math.max(ours.length, theirs.length);
      const perRound = Array.from({ length: rounds }, (_, i) => {
        const [a, b] = [ours[i], theirs[i]];
        return a && b && b.reqPerSec > 0 ? a.reqPerSec / b.reqPerSec : undefined;
      });
      const goal = GOALS[scenario]?.find((g) => g.subject === subject && g.reference === reference);
      return [{ scenario, subject, reference, perRound, median: median(defined(perRound)), asShare: SHARE_OF.has(reference.id), atLeast: goal?.atLeast }];
    }));
