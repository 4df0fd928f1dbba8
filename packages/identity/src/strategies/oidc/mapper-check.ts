/**
 * A provider's `mapper` names trait paths; each must be a trait of the default identity schema, the
 * one social sign-in registers with (sign-in.ts). Checked when the server starts, since the schema
 * lives with the identity server and not in the config package: a typo (`name.frist`) would otherwise
 * drop the claim silently at every registration. The refusal lists the traits the schema has.
 */
import { ConfigError, type OlympusConfig } from '@olympus/config';
import { loadSchemas } from '../../schemas/registry.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every trait path of the schema, leaves and the objects above them (`name`, `name.first`). */
const traitPathsOf = (node: unknown, prefix = '', depth = 0): string[] => {
  if (depth > 16 || !isObject(node) || !isObject(node.properties)) return [];
  return Object.entries(node.properties).flatMap(([key, child]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...traitPathsOf(child, path, depth + 1)];
  });
};

const leaves = (paths: string[]): string[] => paths.filter((p) => !paths.some((other) => other.startsWith(`${p}.`)));

export const mapperIssues = (config: OlympusConfig): string[] => {
  const { providers } = config.selfservice.methods.oidc.config;
  if (!providers.some((p) => p.mapper !== undefined)) return [];
  const schemas = loadSchemas(config);
  const schema = schemas.get(schemas.defaultId)!;
  const known = traitPathsOf((schema.schema.properties as Json).traits);
  return providers.flatMap((p, i) => Object.keys(p.mapper?.traits ?? {})
    .filter((traitPath) => !known.includes(traitPath))
    .map((traitPath) => `selfservice.methods.oidc.config.providers[${i}].mapper.traits maps "${traitPath}", which the identity schema "${schema.id}" `
      + `does not have. Fix: use one of its traits: ${leaves(known).join(', ')}.`));
};

/** Throws ConfigError listing every mapper path the default identity schema does not have. */
export const checkMappers = (config: OlympusConfig): void => {
  const issues = mapperIssues(config);
  if (issues.length > 0) throw new ConfigError('The social sign-in mapping does not fit the identity schema:', issues);
};
