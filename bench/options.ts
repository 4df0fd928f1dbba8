/** `npm run bench -- --duration 10 --connections 50 --only cc,refresh,introspect,login --db sqlite,postgres` */
import { parseArgs } from 'node:util';
import { SCENARIOS, type ScenarioName } from './scenarios.ts';
import type { Database } from './targets.ts';

export interface BenchOptions {
  duration: number;
  warmup: number;
  connections: number;
  scenarios: ScenarioName[];
  databases: Database[];
}

export const USAGE = `Usage: npm run bench -- [--duration 8] [--warmup 2] [--connections 50]
                          [--only cc,refresh,introspect,login] [--db sqlite,postgres]`;

const DATABASES: readonly Database[] = ['sqlite', 'postgres'];

const positive = (name: string, raw: string, min: number): number => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
};

const listOf = <T extends string>(name: string, raw: string, allowed: readonly T[]): T[] => {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length > 0 || items.length === 0) {
    throw new Error(`--${name} takes a comma-separated list of ${allowed.join(', ')}; got "${raw}"`);
  }
  // Keep the canonical order whatever order they were given in.
  return allowed.filter((item) => items.includes(item));
};

export const parseOptions = (args: string[]): BenchOptions => {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      duration: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      only: { type: 'string', default: SCENARIOS.join(',') },
      db: { type: 'string', default: DATABASES.join(',') },
    },
  });
  return {
    duration: positive('duration', values.duration, 1),
    warmup: positive('warmup', values.warmup, 0),
    connections: Math.round(positive('connections', values.connections, 1)),
    scenarios: listOf('only', values.only, SCENARIOS),
    databases: listOf('db', values.db, DATABASES),
  };
};
