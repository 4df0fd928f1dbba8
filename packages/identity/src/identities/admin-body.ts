/**
 * Reads the admin API's identity bodies (Kratos' CreateIdentityBody / UpdateIdentityBody) into one
 * checked shape. A malformed body is a 400 in Kratos' envelope that names the field.
 */
import { BadRequest } from '../errors.ts';
import type { IdentityState } from './identity.ts';

export interface IdentityInput {
  schemaId?: string;
  traits: Record<string, unknown>;
  state?: IdentityState;
  metadataPublic?: Record<string, unknown> | null;
  metadataAdmin?: Record<string, unknown> | null;
  externalId?: string;
  organizationId?: string | null;
  /** `credentials.password.config`: a plain `password` (hashed here) or an imported `hashed_password`. */
  password?: Record<string, unknown>;
  /** Imported addresses: the ones marked verified stay verified. */
  verifiableAddresses?: Array<{ value: string; via: string; verified: boolean }>;
}

const MALFORMED = 'The request was malformed or contained invalid parameters';

const bad = (reason: string): BadRequest => new BadRequest(MALFORMED, { reason });

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalString = (body: Json, key: string): string | undefined => {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw bad(`${key} must be a string.`);
  return value;
};

const metadata = (body: Json, key: string): Record<string, unknown> | null | undefined => {
  const value = body[key];
  if (value === undefined || value === null) return value;
  if (!isObject(value)) throw bad(`${key} must be a JSON object or null.`);
  return value;
};

const stateOf = (body: Json): IdentityState | undefined => {
  const state = body.state;
  if (state === undefined || state === null || state === '') return undefined;
  if (state !== 'active' && state !== 'inactive') throw bad(`state must be "active" or "inactive", not ${JSON.stringify(state)}.`);
  return state;
};

/** Only password credentials can be imported so far; anything else is refused, not silently dropped. */
const passwordOf = (body: Json): Record<string, unknown> | undefined => {
  const credentials = body.credentials;
  if (credentials === undefined || credentials === null) return undefined;
  if (!isObject(credentials)) throw bad('credentials must be a JSON object such as {"password": {"config": {"password": "…"}}}.');
  const others = Object.keys(credentials).filter((type) => type !== 'password');
  if (others.length > 0) throw bad(`Importing ${others.join(', ')} credentials is not supported; only password credentials can be imported.`);
  const password = credentials.password;
  if (password === undefined) return undefined;
  if (!isObject(password) || !isObject(password.config)) throw bad('credentials.password must be {"config": {"password": "…"}} or {"config": {"hashed_password": "…"}}.');
  const { config } = password;
  if (config.password !== undefined && (typeof config.password !== 'string' || config.password === '')) {
    throw bad('credentials.password.config.password must be a non-empty string.');
  }
  if (config.password === undefined && config.hashed_password === undefined) {
    throw bad('credentials.password.config needs "password" or "hashed_password".');
  }
  return config;
};

const addressesOf = (body: Json): IdentityInput['verifiableAddresses'] => {
  const list = body.verifiable_addresses;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw bad('verifiable_addresses must be a list.');
  return list.map((item, i) => {
    if (!isObject(item) || typeof item.value !== 'string') throw bad(`verifiable_addresses[${i}] needs a string "value".`);
    return { value: item.value, via: typeof item.via === 'string' ? item.via : 'email', verified: item.verified === true };
  });
};

export const readIdentityBody = (body: unknown): IdentityInput => {
  if (!isObject(body)) throw bad('The body must be a JSON object with at least "traits".');
  if (!isObject(body.traits)) throw bad('traits must be a JSON object, e.g. {"email": "ann@example.com"}.');
  return {
    schemaId: optionalString(body, 'schema_id'),
    traits: body.traits,
    state: stateOf(body),
    metadataPublic: metadata(body, 'metadata_public'),
    metadataAdmin: metadata(body, 'metadata_admin'),
    externalId: optionalString(body, 'external_id'),
    organizationId: optionalString(body, 'organization_id'),
    password: passwordOf(body),
    verifiableAddresses: addressesOf(body),
  };
};
