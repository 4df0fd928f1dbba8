/**
 * `--json <file>`: the same result for other tools and for quoting (closing notes, the decision
 * records): settings, machine, every round's figures per scenario and target, medians and ratios.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import type { BenchOptions } from './options.ts';
import type { Ratio, Row } from './summary.ts';

const machine = (loadAtStart: number[]) => ({
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
  // 1, 5 and 15 minutes, before and after: other work on the machine shows here.
  loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
});

export interface JsonReportInput {
  options: BenchOptions;
  loadAtStart: number[];
  rows: Row[];
  ratios: Ratio[];
  problems: string[];
}

export const writeJsonReport = (file: string, { options, loadAtStart, rows, ratios, problems }: JsonReportInput): void => {
  const { json: _file, ...settings } = options;
  const report = {
    finishedAt: new Date().toISOString(),
    settings,
    machine: machine(loadAtStart),
    results: rows.map((row) => ({
      scenario: row.scenario,
      target: row.target.id,
      label: row.target.label,
      median: row.median,
      rounds: row.rounds.map((m) => m ?? null),
    })),
    ratios: ratios.map((r) => ({
      scenario: r.scenario,
      subject: r.subject.id,
      reference: r.reference.id,
      perRound: r.perRound.map((v) => v ?? null),
      median: r.median ?? null,
      ...(r.atLeast === undefined ? {} : { atLeast: r.atLeast, pass: r.median !== undefined && r.median >= r.atLeast }),
    })),
    valid: problems.length === 0,
    problems,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
};
