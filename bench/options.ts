/** `npm run bench -- --rounds 3 --duration 5 --warmup 1 --connections 50 --only cc,refresh,introspect,sso,login,login-spread --db sqlite,postgres --json out.json` */
import { parseArgs } from 'node:util';
import { SCENARIOS, type ScenarioName } from './scenarios.ts';
import type { Database } from './targets.ts';

export interface BenchOptions {
  /** Times every target runs every scenario, the targets alternating within each round. */
  rounds: number;
  duration: number;
  warmup: number;
  connections: number;
  scenarios: ScenarioName[];
  databases: Database[];
  /** Where to write the machine-readable result, if anywhere. */
  json?: string;
}

export const USAGE = `Usage: npm run bench -- [--rounds 3] [--duration 5] [--warmup 1] [--connections 50]
                          [--only cc,refresh,introspect,sso,login,login-spread] [--db sqlite,postgres] [--json result.json]`;

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
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '50' },
      only: { type: 'string', default: SCENARIOS.join(',') },
      db: { type: 'string', default: DATABASES.join(',') },
      json: { type: 'string' },
    },
  });
  return {
    rounds: Math.round(positive('rounds', values.rounds, 1)),
    duration: positive('duration', values.duration, 1),
    warmup: positive('warmup', values.warmup, 0),
    connections: Math.round(positive('connections', values.connections, 1)),
    scenarios: listOf('only', values.only, SCENARIOS),
    databases: listOf('db', values.db, DATABASES),
    ...(values.json ? { json: values.json } : {}),
  };
};
