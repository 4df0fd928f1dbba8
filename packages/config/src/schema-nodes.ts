/** Builders for config schema nodes, shared by schema.ts and schema-identity.ts. */
import { MIN_SECRET_LENGTH } from './defaults.ts';

export type SchemaNode = Record<string, unknown>;

/** Every object rejects unknown keys, so a typo is an error rather than a silently ignored setting. */
export const object = (description: string, properties: Record<string, SchemaNode>): SchemaNode => ({
  type: 'object',
  description,
  additionalProperties: false,
  properties,
});

export const duration = (description: string, def: string, extra: SchemaNode = {}): SchemaNode => ({
  type: 'string',
  format: 'duration',
  description,
  default: def,
  ...extra,
});

export const ttl = (description: string, def: string, extra: SchemaNode = {}): SchemaNode =>
  duration(description, def, { positiveDuration: true, ...extra });

export const url = (description: string, xDefault: string): SchemaNode => ({
  type: 'string',
  format: 'http-url',
  description,
  'x-default': xDefault,
});

export const boolean = (description: string, def: boolean): SchemaNode => ({ type: 'boolean', description, default: def });

export const integer = (description: string, def: number, minimum: number, maximum?: number): SchemaNode => ({
  type: 'integer',
  description,
  default: def,
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});

export const secretList = (description: string, xDefault: string): SchemaNode => ({
  type: 'array',
  description,
  minItems: 1,
  items: { type: 'string', minLength: MIN_SECRET_LENGTH },
  'x-default': xDefault,
  'x-secret': true,
});
