/**
 * Which identifiers a password credential carries and how a typed identifier is looked up: both
 * come from the identity schema's `ory.sh/kratos` extension through schemas/traits.ts, whose
 * normalisation (trimmed, lower-cased) is the one stored identifiers were written with.
 */
import type { OlympusConfig } from '@olympus/config';
import type { Identity } from '../../identities/identity.ts';
import { loadSchemas } from '../../schemas/registry.ts';
import { identifiersOf, normalizeIdentifier } from '../../schemas/traits.ts';

/** The traits marked `credentials.password.identifier`; empty when the schema marks none. */
export const passwordIdentifiersOf = (config: OlympusConfig, identity: Identity): string[] => {
  const schema = loadSchemas(config).get(identity.schema_id);
  return schema ? identifiersOf(schema, identity.traits).password : [];
};

/** The stored form of an identifier typed at login, so `Ann@Example.com ` finds `ann@example.com`. */
export const loginLookupKey = (identifier: string): string => normalizeIdentifier(identifier);
