/**
 * Which top-level fields a client document may carry and their JSON types (docs/compatibility.md §1.4).
 * `null` always means "not set": the field gets its default (defaults.ts).
 */
import { InvalidClientMetadata } from '../errors.ts';
import { jsonTypeOf, show } from './describe.ts';
import { nearestName } from './suggest.ts';

type FieldKind = 'string' | 'strings' | 'boolean' | 'object' | 'number';

const LIFESPANS = [
  'authorization_code_grant_access_token_lifespan', 'authorization_code_grant_id_token_lifespan',
  'authorization_code_grant_refresh_token_lifespan', 'client_credentials_grant_access_token_lifespan',
  'refresh_token_grant_id_token_lifespan', 'refresh_token_grant_access_token_lifespan',
  'refresh_token_grant_refresh_token_lifespan',
] as const;

/** Fields Olympus stores, plus `client_secret` (hashed, never stored plain). */
export const STORED_FIELDS: Readonly<Record<string, FieldKind>> = {
  client_id: 'string', client_secret: 'string', client_name: 'string', client_uri: 'string', logo_uri: 'string',
  policy_uri: 'string', tos_uri: 'string', contacts: 'strings', owner: 'string', redirect_uris: 'strings',
  post_logout_redirect_uris: 'strings', grant_types: 'strings', response_types: 'strings', scope: 'string',
  audience: 'strings', allowed_cors_origins: 'strings', token_endpoint_auth_method: 'string',
  token_endpoint_auth_signing_alg: 'string', jwks_uri: 'string', jwks: 'object', request_uris: 'strings',
  request_object_signing_alg: 'string', sector_identifier_uri: 'string', subject_type: 'string',
  userinfo_signed_response_alg: 'string', frontchannel_logout_uri: 'string',
  frontchannel_logout_session_required: 'boolean', backchannel_logout_uri: 'string',
  backchannel_logout_session_required: 'boolean', access_token_strategy: 'string', skip_consent: 'boolean',
  skip_logout_consent: 'boolean', metadata: 'object',
  ...Object.fromEntries(LIFESPANS.map((name) => [name, 'string'])),
};

/** Output-only fields: accepted so a client read from Hydra or Olympus can be sent back, then ignored. */
export const READ_ONLY_FIELDS: Readonly<Record<string, FieldKind>> = {
  created_at: 'string', updated_at: 'string', client_secret_expires_at: 'number',
  registration_access_token: 'string', registration_client_uri: 'string',
};

/** Hydra lifespans of grants Olympus refuses or lacks; accepted only when null or "" (Hydra exports them). */
export const UNSUPPORTED_LIFESPANS: Readonly<Record<string, string>> = {
  implicit_grant_access_token_lifespan: 'the implicit grant (RFC 9700 §2.1.2)',
  implicit_grant_id_token_lifespan: 'the implicit grant (RFC 9700 §2.1.2)',
  jwt_bearer_grant_access_token_lifespan: 'the JWT bearer grant (RFC 7523)',
  device_authorization_grant_id_token_lifespan: 'the device authorization grant (RFC 8628)',
  device_authorization_grant_access_token_lifespan: 'the device authorization grant (RFC 8628)',
  device_authorization_grant_refresh_token_lifespan: 'the device authorization grant (RFC 8628)',
};

export const LIFESPAN_FIELDS: readonly string[] = LIFESPANS;

const KNOWN = [...Object.keys(STORED_FIELDS), ...Object.keys(READ_ONLY_FIELDS), ...Object.keys(UNSUPPORTED_LIFESPANS)];

/** Rejects fields Olympus does not know, suggesting the nearest known name (typos must not pass silently). */
export const checkKnownFields = (input: Record<string, unknown>): void => {
  for (const field of Object.keys(input)) {
    if (KNOWN.includes(field)) continue;
    const nearest = nearestName(field, KNOWN);
    const suggestion = nearest ? ` Did you mean "${nearest}"?` : ' Remove it.';
    throw new InvalidClientMetadata(`Field "${field}" is not a known OAuth2 client field.${suggestion}`, {
      hint: 'The fields are those of Hydra\'s OAuth2Client; docs/compatibility.md §1.4 says which.',
    });
  }
};

/** Rejects a hydra-only lifespan that is set: Olympus would silently never use it. */
export const checkUnsupportedLifespans = (input: Record<string, unknown>): void => {
  for (const [field, grant] of Object.entries(UNSUPPORTED_LIFESPANS)) {
    const value = input[field];
    if (value === undefined || value === null || value === '') continue;
    throw new InvalidClientMetadata(
      `Field ${field} is ${show(value)}, but Olympus does not support ${grant}. Remove the field or set it to null.`,
    );
  }
};

const EXPECTED: Record<FieldKind, string> = {
  string: 'a string', strings: 'an array of strings', boolean: 'true or false', object: 'a JSON object', number: 'a number',
};

const hasKind = (value: unknown, kind: FieldKind): boolean => {
  switch (kind) {
    case 'string': return typeof value === 'string';
    case 'strings': return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'boolean': return typeof value === 'boolean';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
};

/** Checks every present, non-null field has its JSON type; says what was sent and how to write it. */
export const checkFieldTypes = (input: Record<string, unknown>): void => {
  const kinds = { ...STORED_FIELDS, ...READ_ONLY_FIELDS };
  for (const [field, value] of Object.entries(input)) {
    const kind = kinds[field];
    if (kind === undefined || value === null || hasKind(value, kind)) continue;
    let fix = '';
    if (kind === 'strings' && typeof value === 'string') fix = ` Wrap it in an array: [${show(value)}].`;
    else if (kind === 'strings' && Array.isArray(value)) fix = ' Every element must be a string.';
    else if (kind === 'string' && Array.isArray(value) && field === 'scope') fix = ` Join the scopes with spaces: ${show(value.join(' '))}.`;
    else if (kind === 'boolean' && (value === 'true' || value === 'false')) fix = ` Send it without quotes: ${value}.`;
    throw new InvalidClientMetadata(
      `Field ${field} must be ${EXPECTED[kind]}, but ${show(value)} is ${jsonTypeOf(value)}.${fix}`,
    );
  }
};
