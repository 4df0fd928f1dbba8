/**
 * The printed result: machine facts, one row per scenario × target with the median over the
 * rounds and every round's figure, then the ratios round by round with their medians, marked
 * against the targets of bench/README.md.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { failureShare, type Measurement } from './measure.ts';
import type { BenchOptions } from './options.ts';
import { SCENARIO_TITLES } from './scenarios.ts';
import type { Ratio, Row } from './summary.ts';

export const machineFacts = (options: BenchOptions): string => {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  return [
    `machine: ${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${load}`,
    `node ${process.version} (${process.execPath}), ${process.platform}/${process.arch}`,
    `settings: ${options.rounds} rounds; per round, scenario and target ${options.duration} s measured after ${options.warmup} s warm-up; ` +
      `${options.connections} connections; scenarios ${options.scenarios.join(',')}; Olympus on ${options.databases.join(',')}`,
  ].join('\n');
};

const sum = (rounds: (Measurement | undefined)[], pick: (m: Measurement) => number): number =>
  rounds.reduce((total, m) => total + (m ? pick(m) : 0), 0);

const notes = (rounds: (Measurement | undefined)[]): string => {
  const parts: string[] = [];
  const statuses = new Map<string, number>();
  for (const m of rounds) for (const [code, n] of Object.entries(m?.statusCodes ?? {})) if (!code.startsWith('2')) statuses.set(code, (statuses.get(code) ?? 0) + n);
  if (statuses.size > 0) parts.push([...statuses].map(([code, n]) => `${code}×${n}`).join(' '));
  const invalid = sum(rounds, (m) => m.invalid);
  const exhausted = sum(rounds, (m) => m.exhausted);
  if (invalid > 0) parts.push(`${invalid} 2xx with a wrong body`);
  if (exhausted > 0) parts.push(`${exhausted} sent without a live refresh token`);
  const perPass = rounds.find((m) => m?.requestsPerPass !== undefined)?.requestsPerPass;
  if (perPass !== undefined) parts.push(`${perPass.toFixed(0)} HTTP requests per round trip`);
  const broken = rounds.map((m, i) => (m === undefined ? `round ${i + 1} missing` : failureShare(m) > 0.01 ? `round ${i + 1} FAILED` : '')).filter(Boolean);
  return [...parts, ...broken].join('; ');
};

const table = (rows: string[][], rightAligned: number[]): string => {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const line = (row: string[]) => row.map((cell, col) => (rightAligned.includes(col) ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
};

const perSecond = (n: number): string => Math.round(n).toLocaleString('en');

export const resultsTable = (rows: Row[]): string =>
  table([
    ['scenario', 'target', 'median/s', 'each round', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'notes'],
    ...rows.map((row) => [
      SCENARIO_TITLES[row.scenario], row.target.label, perSecond(row.median.reqPerSec),
      row.rounds.map((m) => (m ? perSecond(m.reqPerSec) : '–')).join(' '),
      String(row.median.p50), String(row.median.p99),
      String(sum(row.rounds, (m) => m.non2xx)), String(sum(row.rounds, (m) => m.errors)), notes(row.rounds),
    ]),
  ], [2, 3, 4, 5, 6, 7]);

const ratioText = (value: number | undefined, asShare: boolean): string =>
  value === undefined ? '–' : asShare ? `${(value * 100).toFixed(0)} %` : `${value.toFixed(2)}×`;

const mark = (ratio: Ratio): string => {
  if (ratio.atLeast === undefined) return '';
  const target = `target ≥ ${ratioText(ratio.atLeast, ratio.asShare)}`;
  if (ratio.median === undefined) return `–  ${target}`;
  return `${ratio.median >= ratio.atLeast ? '✓ pass' : '✗ FAIL'}  ${target}`;
};

export const ratiosReport = (ratios: Ratio[]): string =>
  table([
    ['scenario', 'subject / reference', 'each round', 'median', 'target'],
    ...ratios.map((r) => [
      SCENARIO_TITLES[r.scenario], `${r.subject.label} / ${r.reference.label}`,
      r.perRound.map((v) => ratioText(v, r.asShare)).join(' '), ratioText(r.median, r.asShare), mark(r),
    ]),
  ], [2, 3]);

export const CAVEATS = [
  'oidc-provider (memory) runs on its default in-memory adapter (no database, no durability): that flatters it; it is a 1000-entry LRU, so every run gets freshly minted tokens. oidc-provider (SQLite) is the same server on a SQLite adapter as durable as Olympus on SQLite.',
  'SSO round trip: Olympus passes through Hera\'s /login and /consent (each a redirect that accepts the remembered login or consent), so a round trip is 6 HTTP requests; oidc-provider settles both inside /auth (2 requests). Both are what a browser does; the figure is round trips per second.',
  'Olympus introspection sits on the admin origin and needs no caller credentials on loopback; oidc-provider authenticates the caller (client_secret_basic) on every introspection.',
  'Password login is compared with argon2id verifications in the bench process at the same parameters and concurrency, with no HTTP, database or autocannon in the way: the ceiling, and a strict one.',
  'The load generator runs in this process and shares the 2 cores with the target (and PostgreSQL, which stays up between its runs); other load on the machine makes single figures noisy: read the ratios, which are taken round by round.',
].map((c) => `  • ${c}`).join('\n');
