/**
 * The identity schemas of a deployment: the built-in `default` plus `identity.schemas` from config,
 * read and compiled once per configuration. Each knows its public URL (Kratos' `schema_url`, the id
 * base64url-encoded under /schemas/) and where its `ory.sh/kratos` extensions sit.
 */
import type { ValidateFunction } from 'ajv';
import type { OlympusConfig } from '@olympus/config';
import { compileIdentitySchema } from './compile.ts';
import { DEFAULT_SCHEMA_ID, defaultIdentitySchema } from './default-schema.ts';
import { extensionSitesOf, type ExtensionSite } from './extensions.ts';
import { readSchemaSource, SchemaSourceError } from './source.ts';

export interface IdentitySchema {
  id: string;
  /** `<public>/schemas/<base64url(id)>`, as Kratos shows it in `schema_url`. */
  url: string;
  /** The JSON Schema document as configured. */
  schema: Record<string, unknown>;
  validate: ValidateFunction;
  extensions: ExtensionSite[];
}

export interface IdentitySchemas {
  /** The schema of identities created without `schema_id`. */
  readonly defaultId: string;
  get(id: string): IdentitySchema | undefined;
  all(): IdentitySchema[];
}

export const schemaUrlOf = (publicUrl: string, id: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/schemas/${Buffer.from(id, 'utf8').toString('base64url')}`;

const prepare = (id: string, schema: Record<string, unknown>, publicUrl: string): IdentitySchema => {
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (typeof properties?.traits !== 'object' || properties.traits === null) {
    throw new SchemaSourceError(`Identity schema "${id}" has no "properties.traits"; identity schemas describe the traits object.`);
  }
  let validate: ValidateFunction;
  try {
    validate = compileIdentitySchema(schema);
  } catch (err) {
    throw new SchemaSourceError(`Identity schema "${id}" is not a valid JSON Schema: ${(err as Error).message}`);
  }
  return { id, url: schemaUrlOf(publicUrl, id), schema, validate, extensions: extensionSitesOf(schema) };
};

const cache = new WeakMap<OlympusConfig, IdentitySchemas>();

/**
 * Reads and compiles every schema of `config` (cached per config object). Throws SchemaSourceError
 * naming the schema when one cannot be read or compiled, so a bad schema stops the start.
 */
export const loadSchemas = (config: OlympusConfig, cwd: string = process.cwd()): IdentitySchemas => {
  const cached = cache.get(config);
  if (cached) return cached;
  const publicUrl = config.serve.public.url;
  const byId = new Map<string, IdentitySchema>([[DEFAULT_SCHEMA_ID, prepare(DEFAULT_SCHEMA_ID, defaultIdentitySchema(), publicUrl)]]);
  for (const { id, url } of config.identity.schemas) byId.set(id, prepare(id, readSchemaSource(id, url, cwd), publicUrl));
  if (!byId.has(config.identity.defaultSchemaId)) {
    throw new SchemaSourceError(`identity.default_schema_id "${config.identity.defaultSchemaId}" names no schema.`);
  }
  const schemas: IdentitySchemas = {
    defaultId: config.identity.defaultSchemaId,
    get: (id) => byId.get(id),
    all: () => [...byId.values()],
  };
  cache.set(config, schemas);
  return schemas;
};
