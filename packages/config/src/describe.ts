/**
 * Turns ajv errors into sentences a person can act on: the dotted path, the offending value
 * (never for secrets), what was expected and, for typos, the nearest known key or value.
 */
import type { ErrorObject } from 'ajv';
import { configSchema } from './schema.ts';
import { IDENTITY_SCHEMA_URL_PATTERN, SMTP_URI_PATTERN } from './schema-identity.ts';
import { MIN_SECRET_LENGTH } from './schema-nodes.ts';
import { nodesAlong } from './schema-walk.ts';
import { nearest } from './suggest.ts';

export type ConfigPath = (string | number)[];

export interface Issue {
  path: ConfigPath;
  message: string;
  /** True when the issue is about a key itself (unknown key), so its line is the key's. */
  atKey?: boolean;
}

export const formatPath = (path: ConfigPath): string =>
  path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') || '(top level)';

const pathOf = (pointer: string): ConfigPath =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** Below a node the schema marks `x-secret`. */
const isSecretPath = (path: ConfigPath): boolean => nodesAlong(configSchema, path).some((node) => node['x-secret'] === true);

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping of keys',
  array: 'a list',
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
};

const PATTERN_HINTS: Record<string, string> = {
  [IDENTITY_SCHEMA_URL_PATTERN]: 'is not a file:// or base64:// URL',
  [SMTP_URI_PATTERN]: 'is not an smtp:// or smtps:// URL',
};

const DURATION_HINT = 'is not a duration like "15m" or "1h30m"';

const describeOne = (err: ErrorObject): Issue => {
  const path = pathOf(err.instancePath);
  const where = formatPath(path);
  const schema = (err.parentSchema ?? {}) as Record<string, unknown>;
  const value = isSecretPath(path) ? 'this value' : show(err.data);
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(err.params.additionalProperty);
      const known = Object.keys((schema.properties ?? {}) as object);
      const guess = nearest(key, known);
      const hint = guess ? ` (did you mean "${guess}"?)` : ` (known keys: ${known.join(', ')})`;
      return { path: [...path, key], atKey: true, message: `unknown key "${key}" at ${formatPath([...path, key])}${hint}` };
    }
    case 'type':
      if (schema.format === 'duration') return { path, message: `${where}: ${value} ${DURATION_HINT}` };
      return { path, message: `${where}: expected ${TYPE_NAMES[String(err.params.type)] ?? err.params.type}, got ${value}` };
    case 'format':
      if (err.params.format === 'duration') return { path, message: `${where}: ${value} ${DURATION_HINT}` };
      if (err.params.format === 'email') return { path, message: `${where}: ${value} is not an email address` };
      if (err.params.format === 'http-url') return { path, message: `${where}: ${value} is not an absolute http:// or https:// URL` };
      return { path, message: `${where}: ${value} is not a DSN; use sqlite://<file> or postgres://user:password@host:5432/db` };
    case 'enum': {
      const allowed = (err.params.allowedValues as unknown[]).map(String);
      const guess = typeof err.data === 'string' ? nearest(err.data, allowed) : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : '';
      return { path, message: `${where}: ${value} is not one of ${allowed.map((a) => `"${a}"`).join(', ')}${hint}` };
    }
    case 'maxDuration':
      return { path, message: `${where}: ${value} is longer than the maximum of ${String(err.schema)}` };
    case 'positiveDuration':
      return { path, message: `${where}: must be longer than 0s` };
    case 'minLength':
      if (isSecretPath(path)) {
        return {
          path,
          message: `${where}: is ${String(err.data).length} characters long; use at least ${MIN_SECRET_LENGTH} random characters (e.g. from "openssl rand -base64 32")`,
        };
      }
      return { path, message: `${where}: must not be empty` };
    case 'minItems':
      return { path, message: `${where}: must list at least one entry` };
    case 'minimum':
    case 'maximum':
      if (path[path.length - 1] === 'port') return { path, message: `${where}: ${value} is not a port number (1-65535)` };
      return { path, message: `${where}: ${value} must be at ${err.keyword === 'minimum' ? 'least' : 'most'} ${String(err.params.limit)}` };
    case 'pattern':
      return { path, message: `${where}: ${value} ${PATTERN_HINTS[String(err.params.pattern)] ?? `does not match ${String(err.params.pattern)}`}` };
    case 'required':
      return { path, message: `${where}: "${String(err.params.missingProperty)}" is required` };
    case 'anyOf':
      // One line for a value that fits none of the forms (describeErrors drops each form's own complaint).
      return { path, message: `${where}: ${value} is none of the accepted forms: ${String(schema.description ?? 'see the reference')}` };
    default:
      return { path, message: `${where}: ${err.message ?? 'is invalid'}` };
  }
};

/** One issue per distinct problem, in document order of ajv's report. */
export const describeErrors = (errors: ErrorObject[]): Issue[] => {
  const byMessage = new Map<string, Issue>();
  const alternatives = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const reported = errors.filter((e) => !alternatives.some((prefix) => e.schemaPath.startsWith(prefix)));
  for (const issue of reported.map(describeOne)) if (!byMessage.has(issue.message)) byMessage.set(issue.message, issue);
  return [...byMessage.values()];
};
