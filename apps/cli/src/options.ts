/**
 * Flag declarations and parsing on top of `node:util` parseArgs. A spec carries the help text next
 * to the parser settings, so `--help` output and accepted flags cannot drift apart.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
  /** Placeholder shown in help, e.g. `uri`. */
  value?: string;
  /** Default shown in help. Never given to parseArgs, so "was this flag set?" stays answerable. */
  default?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface Parsed {
  flags: Flags;
  positionals: string[];
}

/** Cobra accepts `--flag=false`; parseArgs only knows `--no-flag`. Rewrite the former to the latter. */
const rewriteBooleanValues = (args: readonly string[], specs: OptionSpecs): string[] =>
  args.map((arg) => {
    const match = /^--([\w-]+)=(true|false)$/.exec(arg);
    if (!match || specs[match[1]]?.type !== 'boolean') return arg;
    return match[2] === 'true' ? `--${match[1]}` : `--no-${match[1]}`;
  });

const flagNamed = (message: string): string => /'(--?[\w-]+)/.exec(message)?.[1] ?? '';

/** parseArgs' messages talk about "options" and positional escapes; say what went wrong with which flag. */
const usageErrorFrom = (error: Error & { code?: string }): UsageError => {
  const flag = flagNamed(error.message);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown flag ${flag}`);
  if (error.message.includes('argument missing')) return new UsageError(`flag ${flag} needs a value`);
  if (error.message.includes('does not take an argument')) return new UsageError(`flag ${flag} does not take a value`);
  if (error.message.includes('ambiguous')) {
    return new UsageError(`flag ${flag} needs a value; to pass a value starting with "-" write ${flag}=-value`);
  }
  return new UsageError(error.message);
};

/**
 * Challenges and tokens are base64url and may start with "-" (e.g. `-RPDA7Z…`). An argument that
 * starts with one dash but is not a cluster of declared short flags is a value, not a flag.
 */
const PLACEHOLDER = '\u0000positional:';
const shieldDashValues = (args: readonly string[], specs: OptionSpecs): { args: string[]; values: string[] } => {
  const shortSpecs = new Map(Object.values(specs).flatMap((s) => (s.short ? [[s.short, s] as const] : [])));
  const takesValue = (arg: string): boolean =>
    (/^--[\w-]+$/.test(arg) && specs[arg.slice(2)]?.type === 'string') || (/^-\w$/.test(arg) && shortSpecs.get(arg[1])?.type === 'string');
  // `-xyz` stays a flag when it is a cluster of declared short flags or `-e<value>` of a string flag.
  const isFlag = (arg: string): boolean => shortSpecs.get(arg[1])?.type === 'string' || [...arg.slice(1)].every((c) => shortSpecs.has(c));
  const values: string[] = [];
  const shielded = args.map((arg, i) => {
    if ((i > 0 && takesValue(args[i - 1])) || !/^-[^-]./.test(arg) || isFlag(arg)) return arg;
    values.push(arg);
    return `${PLACEHOLDER}${values.length - 1}`;
  });
  return { args: shielded, values };
};
const unshield = (positionals: string[], values: string[]): string[] =>
  positionals.map((p) => (p.startsWith(PLACEHOLDER) ? values[Number(p.slice(PLACEHOLDER.length))] : p));

export const parseFlags = (args: readonly string[], specs: OptionSpecs): Parsed => {
  const shielded = shieldDashValues(args, specs);
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { type: spec.type, multiple: spec.multiple ?? false, ...(spec.short ? { short: spec.short } : {}) },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: rewriteBooleanValues(shielded.args, specs),
      options,
      strict: true,
      allowPositionals: true,
      allowNegative: true,
    });
    return { flags: new Flags(values as FlagValues), positionals: unshield(positionals, shielded.values) };
  } catch (error) {
    if (error instanceof Error && 'code' in error) throw usageErrorFrom(error as Error & { code?: string });
    throw error;
  }
};

type FlagValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** Typed access to parsed flags. Every getter returns `undefined` when the flag was not given. */
export class Flags {
  readonly #values: FlagValues;

  constructor(values: FlagValues) {
    this.#values = values;
  }

  has(name: string): boolean {
    return this.#values[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.#values[name];
    if (Array.isArray(value)) return value.length > 0 ? String(value[value.length - 1]) : undefined;
    return typeof value === 'string' ? value : undefined;
  }

  boolean(name: string): boolean | undefined {
    const value = this.#values[name];
    return typeof value === 'boolean' ? value : undefined;
  }

  /** A repeatable flag whose values may also be comma-separated (`-x a,b -x c` → a, b, c). */
  list(name: string): string[] | undefined {
    const value = this.#values[name];
    if (value === undefined) return undefined;
    const raw = Array.isArray(value) ? value.map(String) : [String(value)];
    return raw.flatMap(splitList);
  }

  /** Scopes: repeatable, and each value split on spaces and commas (`--scope "openid profile"`). */
  scopes(name: string): string[] | undefined {
    return this.list(name)?.flatMap((item) => item.split(/\s+/).filter((s) => s.length > 0));
  }

  /** Raw values of a repeatable flag, not split (for values that may contain commas). */
  all(name: string): string[] | undefined {
    const value = this.#values[name];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(String) : [String(value)];
  }

  integer(
    name: string,
    { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
  ): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
      throw new UsageError(`flag --${name} needs a whole number ${range}, got "${value}"`);
    }
    return Number(value);
  }

  /** A string flag restricted to a few values. */
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(choices as readonly string[]).includes(value)) {
      throw new UsageError(`flag --${name} must be one of ${choices.join(', ')}; got "${value}"`);
    }
    return value as T;
  }
}
