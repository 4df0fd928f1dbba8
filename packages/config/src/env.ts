/**
 * Environment overrides, applied to the raw input before validation so that a bad value is
 * reported like any other, naming the variable it came from.
 */
import type { ConfigPath } from './describe.ts';
import { configSchema } from './schema.ts';
import { keysOf } from './schema-walk.ts';

export interface EnvOverride {
  name: string;
  path: readonly string[];
  /** Comma-separated list (secrets rotate: first entry current). */
  list?: boolean;
}

/** The keys the schema marks with `x-env`; list-valued keys take comma-separated values. */
export const ENV_OVERRIDES: readonly EnvOverride[] = keysOf(configSchema).flatMap(({ path, node }) =>
  typeof node['x-env'] === 'string' ? [{ name: node['x-env'], path, ...(node.type === 'array' ? { list: true } : {}) }] : [],
);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sets `value` at `path`, creating mappings on the way; leaves non-mappings alone for the schema to report. */
const setIn = (target: Record<string, unknown>, path: readonly string[], value: unknown): boolean => {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    if (!isPlainObject(node[key])) return false;
    node = node[key];
  }
  node[path[path.length - 1]] = value;
  return true;
};

/** A copy of `input` with the environment applied, and which variable set which path. */
export const applyEnv = (input: unknown, env: NodeJS.ProcessEnv): { input: unknown; fromEnv: EnvOverride[] } => {
  if (!isPlainObject(input)) return { input, fromEnv: [] };
  const copy = structuredClone(input);
  const fromEnv: EnvOverride[] = [];
  for (const override of ENV_OVERRIDES) {
    const raw = env[override.name]?.trim();
    if (!raw) continue;
    const value = override.list ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw;
    if (setIn(copy, override.path, value)) fromEnv.push(override);
  }
  return { input: copy, fromEnv };
};

/** The override that supplied `path` (or a parent of it), if any. */
export const envSourceOf = (path: ConfigPath, fromEnv: readonly EnvOverride[]): EnvOverride | undefined =>
  fromEnv.find((o) => path.length >= o.path.length && o.path.every((key, i) => path[i] === key));
