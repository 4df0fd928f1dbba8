/**
 * Builds the stored identity from checked input: validates the traits against the schema, derives
 * addresses and credential identifiers from them, and applies an imported or new password. Used by
 * the admin API (create, update, patch) and by self-service registration alike.
 */
import { BadRequest } from '../errors.ts';
import type { IdentitySchema, IdentitySchemas } from '../schemas/registry.ts';
import { identifiersOf, normalizeAddress, recoveryAddressesOf, verifiableAddressesOf } from '../schemas/traits.ts';
import { validateTraits } from '../schemas/validate.ts';
import type { IdentityInput } from './admin-body.ts';
import { newCredential, refreshIdentifiers } from './credentials.ts';
import type { Identity, VerifiableAddress } from './identity.ts';
import { importedPasswordHash } from './password-import.ts';

export interface AssembleOptions {
  id: string;
  now: number;
  /** The stored identity when updating; its addresses keep their state, its credentials stay. */
  previous?: Identity;
  hashPassword: (password: string) => Promise<string>;
}

const MALFORMED = 'The request was malformed or contained invalid parameters';

export const schemaFor = (schemas: IdentitySchemas, id: string): IdentitySchema => {
  const schema = schemas.get(id);
  if (!schema) {
    const known = schemas.all().map((s) => `"${s.id}"`).join(', ');
    throw new BadRequest(MALFORMED, { reason: `schema_id "${id}" names no identity schema; known: ${known}.` });
  }
  return schema;
};

/** Throws 400 listing every trait problem with its field name and Kratos message id. */
export const assertValidTraits = (schema: IdentitySchema, traits: unknown): void => {
  const errors = validateTraits(schema, traits);
  if (errors.length === 0) return;
  throw new BadRequest(MALFORMED, {
    reason: errors.map((e) => `${e.name}: ${e.message.text}`).join(' '),
    details: { messages: errors.map((e) => ({ name: e.name, ...e.message })) },
  });
};

/** Imported addresses marked verified (a migration from another system) stay verified. */
const markImportedVerified = (addresses: VerifiableAddress[], imported: IdentityInput['verifiableAddresses'], now: number) => {
  const at = new Date(now).toISOString();
  return addresses.map((address) => {
    const match = imported?.find((i) => i.verified && i.via === address.via && normalizeAddress(i.value, address.via) === address.value);
    return match && !address.verified ? { ...address, verified: true, status: 'completed' as const, verified_at: at } : address;
  });
};

const passwordConfig = async (config: Record<string, unknown>, hashPassword: AssembleOptions['hashPassword']) => {
  const imported = importedPasswordHash(config);
  return { hashed_password: imported ?? (await hashPassword(String(config.password))) };
};

export const assembleIdentity = async (schemas: IdentitySchemas, input: IdentityInput, opts: AssembleOptions): Promise<Identity> => {
  const { previous, now } = opts;
  const at = new Date(now).toISOString();
  const schema = schemaFor(schemas, input.schemaId ?? previous?.schema_id ?? schemas.defaultId);
  assertValidTraits(schema, input.traits);
  const ids = identifiersOf(schema, input.traits);
  let credentials = { ...(previous?.credentials ?? {}) };
  if (input.password) {
    const config = await passwordConfig(input.password, opts.hashPassword);
    const created = previous?.credentials.password?.created_at;
    credentials.password = { ...newCredential('password', ids.password, config, now), ...(created ? { created_at: created } : {}) };
  }
  credentials = refreshIdentifiers(credentials, ids, now);
  const state = input.state ?? previous?.state ?? 'active';
  return {
    id: opts.id,
    schema_id: schema.id,
    schema_url: schema.url,
    state,
    state_changed_at: previous && previous.state === state ? previous.state_changed_at : at,
    traits: input.traits,
    metadata_public: input.metadataPublic === undefined ? (previous?.metadata_public ?? null) : input.metadataPublic,
    metadata_admin: input.metadataAdmin === undefined ? (previous?.metadata_admin ?? null) : input.metadataAdmin,
    external_id: input.externalId ?? previous?.external_id ?? '',
    verifiable_addresses: markImportedVerified(
      verifiableAddressesOf(schema, input.traits, { now, previous: previous?.verifiable_addresses }),
      input.verifiableAddresses,
      now,
    ),
    recovery_addresses: recoveryAddressesOf(schema, input.traits, { now, previous: previous?.recovery_addresses }),
    credentials,
    organization_id: input.organizationId === undefined ? (previous?.organization_id ?? null) : input.organizationId,
    created_at: previous?.created_at ?? at,
    updated_at: at,
  };
};
