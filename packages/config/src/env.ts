/**
 * Environment overrides, applied to the raw input before validation so that a bad value is
 * reported like any other, naming the variable it came from.
 */
import type { ConfigPath } from './describe.ts';

export interface EnvOverride {
  name: string;
  path: readonly string[];
  /** Comma-separated list (secrets rotate: first entry current). */
  list?: boolean;
}

export const ENV_OVERRIDES: readonly EnvOverride[] = [
  { name: 'OLYMPUS_PUBLIC_URL', path: ['serve', 'public', 'base_url'] },
  { name: 'OLYMPUS_ADMIN_URL', path: ['serve', 'admin', 'base_url'] },
  { name: 'OLYMPUS_DSN', path: ['dsn'] },
  { name: 'OLYMPUS_DATA_DIR', path: ['data_dir'] },
  { name: 'OLYMPUS_LOG_LEVEL', path: ['log', 'level'] },
  { name: 'OLYMPUS_SECRETS_SYSTEM', path: ['secrets', 'system'], list: true },
  { name: 'OLYMPUS_ADMIN_API_KEYS', path: ['serve', 'admin', 'api_keys'], list: true },
  { name: 'OLYMPUS_COURIER_SMTP_CONNECTION_URI', path: ['courier', 'smtp', 'connection_uri'] },
];

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
