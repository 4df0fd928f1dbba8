/**
 * Validates raw config input against the schema with ajv 8: all errors at once, custom formats for
 * durations, URLs and DSNs, and duration bounds as keywords so every problem is reported in one pass.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { DURATION_PATTERN, tryParseDuration } from './duration.ts';
import { configSchema } from './schema.ts';

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** Deliberately loose (an address like no-reply@localhost is fine): the mail server has the last word. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

export const DSN_PATTERN = /^(sqlite|postgres|postgresql):\/\/.+/;

const createAjv = (): Ajv => {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
  // Annotations of schema-nodes.ts: documentation and loading hints, not constraints.
  ajv.addVocabulary(['x-default', 'x-mode-default', 'x-public-path', 'x-public-part', 'x-env', 'x-secret']);
  ajv.addFormat('duration', DURATION_PATTERN);
  ajv.addFormat('http-url', isHttpUrl);
  ajv.addFormat('dsn', DSN_PATTERN);
  ajv.addFormat('email', EMAIL_PATTERN);
  ajv.addKeyword({
    keyword: 'maxDuration',
    type: 'string',
    schemaType: 'string',
    // Unparsable values are reported by the `duration` format already.
    validate: (max: string, data: string) => (tryParseDuration(data) ?? 0) <= (tryParseDuration(max) ?? 0),
  });
  ajv.addKeyword({
    keyword: 'positiveDuration',
    type: 'string',
    schemaType: 'boolean',
    validate: (on: boolean, data: string) => !on || tryParseDuration(data) !== 0,
  });
  return ajv;
};

let compiled: ReturnType<Ajv['compile']> | undefined;

/** Schema errors of `input`; empty when it is valid. */
export const schemaErrors = (input: unknown): ErrorObject[] => {
  compiled ??= createAjv().compile(configSchema);
  return compiled(input) ? [] : [...(compiled.errors ?? [])];
};
