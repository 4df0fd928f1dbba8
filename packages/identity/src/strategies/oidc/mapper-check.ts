/**
 * A provider's `mapper`, checked when the server starts (the schema lives with the identity server and
 * not in the config package): every trait path must be a trait of the default identity schema, the one
 * social sign-in registers with (sign-in.ts), since a typo (`name.frist`) would otherwise drop the claim
 * silently at every registration; every `verified_addresses` path must be a trait the schema verifies
 * by email; every CEL expression (`when`, `{ cel }` in traits and metadata) must compile (cel.ts). Each
 * refusal names the key and says what would fit.
 */
import { ConfigError, type OidcMapperSource, type OlympusConfig, type OidcProviderConfig } from '@olympus/config';
import { extensionSitesOf } from '../../schemas/extensions.ts';
import { loadSchemas } from '../../schemas/registry.ts';
import { compileCel, type CelResult } from './cel.ts';

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

/** The library's message, its source excerpt indented under the issue line. */
const celIssue = (at: string, expression: string, result: CelResult): string[] => {
  try {
    compileCel(expression, result);
    return [];
  } catch (err) {
    return [`${at} is a CEL expression that does not compile: ${(err as Error).message.replace(/\n+/g, '\n      ')}`];
  }
};

const sourcesIssues = (at: string, sources: Readonly<Record<string, OidcMapperSource>> | undefined): string[] =>
  Object.entries(sources ?? {}).flatMap(([key, source]) => (typeof source === 'object' && 'cel' in source ? celIssue(`${at}.${key}`, source.cel, 'value') : []));

const celIssues = (p: OidcProviderConfig, at: string): string[] => [
  ...(p.mapper?.when === undefined ? [] : celIssue(`${at}.when`, p.mapper.when, 'bool')),
  ...sourcesIssues(`${at}.traits`, p.mapper?.traits),
  ...sourcesIssues(`${at}.metadata_public`, p.mapper?.metadataPublic),
  ...sourcesIssues(`${at}.metadata_admin`, p.mapper?.metadataAdmin),
];

export const mapperIssues = (config: OlympusConfig): string[] => {
  const { providers } = config.selfservice.methods.oidc.config;
  if (!providers.some((p) => p.mapper !== undefined)) return [];
  const schemas = loadSchemas(config);
  const schema = schemas.get(schemas.defaultId)!;
  const known = traitPathsOf((schema.schema.properties as Json).traits);
  const verifiable = extensionSitesOf(schema.schema).filter((s) => s.extension.verification?.via === 'email' && !s.path.includes('[]')).map((s) => s.path.join('.'));
  return providers.flatMap((p, i) => {
    const at = `selfservice.methods.oidc.config.providers[${i}].mapper`;
    const traits = Object.keys(p.mapper?.traits ?? {}).filter((traitPath) => !known.includes(traitPath))
      .map((traitPath) => `${at}.traits maps "${traitPath}", which the identity schema "${schema.id}" does not have. Fix: use one of its traits: ${leaves(known).join(', ')}.`);
    const verified = (p.mapper?.verifiedAddresses ?? []).filter((path) => !verifiable.includes(path))
      .map((path) => `${at}.verified_addresses lists "${path}", which the identity schema "${schema.id}" does not verify by email. `
        + `Fix: list traits with "ory.sh/kratos": { verification: { via: email } }: ${verifiable.join(', ') || 'the schema has none'}.`);
    return [...traits, ...verified, ...celIssues(p, at)];
  });
};

/** Throws ConfigError listing every mapper problem: a path the default identity schema does not have, an expression that does not compile. */
export const checkMappers = (config: OlympusConfig): void => {
  const issues = mapperIssues(config);
  if (issues.length > 0) throw new ConfigError('The social sign-in mapping (selfservice.methods.oidc) cannot be used:', issues);
};
