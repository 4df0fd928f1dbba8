/**
 * The printed result: machine facts, one row per scenario × target, and the ratios against the
 * targets of bench/README.md with a pass/fail mark each.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { failureShare, type Measurement } from './measure.ts';
import type { BenchOptions } from './options.ts';
import { SCENARIO_TITLES, type ScenarioName } from './scenarios.ts';
import { BARE, OIDC_PROVIDER, OLYMPUS, RAW_ARGON2, type Database, type Target } from './targets.ts';

/** scenario → target id → measurement */
export type Results = Map<ScenarioName, Map<string, Measurement>>;

interface Goal {
  scenario: ScenarioName;
  subject: Target;
  reference: Target;
  /** subject / reference must reach this. */
  atLeast: number;
}

export const machineFacts = (options: BenchOptions): string => {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  return [
    `machine: ${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${load}`,
    `node ${process.version} (${process.execPath}), ${process.platform}/${process.arch}`,
    `settings: ${options.duration} s measured after ${options.warmup} s warm-up per scenario, ${options.connections} connections, ` +
      `scenarios ${options.scenarios.join(',')}, Olympus on ${options.databases.join(',')}`,
  ].join('\n');
};

const statusSummary = (m: Measurement): string =>
  Object.entries(m.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');

const notes = (m: Measurement): string => {
  const parts = [statusSummary(m)];
  if (m.invalid > 0) parts.push(`${m.invalid} 2xx with a wrong body`);
  if (m.exhausted > 0) parts.push(`${m.exhausted} sent without a live refresh token`);
  if (failureShare(m) > 0.01) parts.push(`FAILED: ${(failureShare(m) * 100).toFixed(1)} % of requests`);
  return parts.filter(Boolean).join('; ');
};

const table = (rows: string[][]): string => {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const line = (row: string[]) => row.map((cell, col) => (col >= 2 && col <= 6 ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
};

export const resultsTable = (results: Results, targets: Target[]): string => {
  const rows = [['scenario', 'target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'notes']];
  for (const [scenario, byTarget] of results) {
    for (const target of targets) {
      const m = byTarget.get(target.id);
      if (!m) continue;
      rows.push([SCENARIO_TITLES[scenario], target.label, Math.round(m.reqPerSec).toLocaleString('en'), String(m.p50), String(m.p99), String(m.non2xx), String(m.errors), notes(m)]);
    }
  }
  return table(rows);
};

const goals = (databases: Database[]): Goal[] => {
  const perDatabase = databases.flatMap((db): Goal[] => [
    { scenario: 'cc', subject: OLYMPUS[db], reference: OIDC_PROVIDER, atLeast: 4 },
    { scenario: 'cc', subject: OLYMPUS[db], reference: BARE, atLeast: 0.35 },
    { scenario: 'refresh', subject: OLYMPUS[db], reference: OIDC_PROVIDER, atLeast: 3 },
    { scenario: 'introspect', subject: OLYMPUS[db], reference: BARE, atLeast: 0.5 },
    { scenario: 'login', subject: OLYMPUS[db], reference: RAW_ARGON2, atLeast: 0.8 },
  ]);
  const postgresVsSqlite = databases.length === 2
    ? (['cc', 'refresh', 'introspect'] as const).map((scenario): Goal => ({ scenario, subject: OLYMPUS.postgres, reference: OLYMPUS.sqlite, atLeast: 0.5 }))
    : [];
  return [...perDatabase, ...postgresVsSqlite];
};

const ratioText = (ratio: number, atLeast: number): string =>
  atLeast >= 1 ? `${ratio.toFixed(2)}× (target ≥ ${atLeast}×)` : `${(ratio * 100).toFixed(0)} % (target ≥ ${atLeast * 100} %)`;

export const goalsReport = (results: Results, databases: Database[]): string => {
  const lines: string[] = [];
  for (const goal of goals(databases)) {
    const subject = results.get(goal.scenario)?.get(goal.subject.id);
    const reference = results.get(goal.scenario)?.get(goal.reference.id);
    const label = `${SCENARIO_TITLES[goal.scenario]}: ${goal.subject.label} vs ${goal.reference.label}`;
    if (!subject || !reference || reference.reqPerSec === 0) {
      if (results.has(goal.scenario)) lines.push(`  –  ${label}: not measured`);
      continue;
    }
    const ratio = subject.reqPerSec / reference.reqPerSec;
    const pass = ratio >= goal.atLeast;
    lines.push(`  ${pass ? '✓ pass' : '✗ FAIL'}  ${label}: ${ratioText(ratio, goal.atLeast)}`);
  }
  return lines.join('\n');
};

export const CAVEATS = [
  'oidc-provider runs on its default in-memory adapter (no database, no durability): that flatters it. That adapter is a 1000-entry LRU, so every run gets freshly minted tokens.',
  'Olympus introspection sits on the admin origin and needs no caller credentials on loopback; oidc-provider authenticates the caller (client_secret_basic) on every introspection.',
  'Password login is compared with argon2id verifications in the bench process at the same parameters and concurrency, with no HTTP, database or autocannon in the way: the ceiling, and a strict one.',
  'autocannon runs in this process and shares the 2 cores with the target (and PostgreSQL); other load on the machine makes the numbers noisy.',
].map((c) => `  • ${c}`).join('\n');
