/**
 * `--json <file>`: the same result for other tools and for quoting (closing notes, the decision
 * records): settings, machine, every round's figures per scenario and target, medians and ratios.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import type { BenchOptions } from './options.ts';
import type { Ratio, Row } from './summary.ts';

const machine = () => ({
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
  loadAverage: loadavg(),
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
});

export const writeJsonReport = (file: string, options: BenchOptions, rows: Row[], ratios: Ratio[], problems: string[]): void => {
  const { json: _file, ...settings } = options;
  const report = {
    finishedAt: new Date().toISOString(),
    settings,
    machine: machine(),
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
