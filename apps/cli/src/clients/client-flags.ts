/**
 * The client flags of `create`/`update oauth2-client` (hydra's names, docs/compatibility.md §3.1)
 * and how each maps onto an OAuth2Client field (§1.4). One table drives the flag specs, the create
 * body and the update patch, so a new field is one line.
 */
import { UsageError } from '../errors.ts';
import type { Flags, OptionSpec, OptionSpecs } from '../options.ts';

type FieldKind = 'string' | 'list' | 'scope' | 'boolean' | 'json-object';

interface ClientFlag {
  flag: string;
  field: string;
  kind: FieldKind;
  description: string;
}

type Row = [flag: string, field: string, kind: FieldKind, description: string];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['id', 'client_id', 'string', 'client id (default: generated)'],
  ['secret', 'client_secret', 'string', 'client secret, ≥ 6 characters (default: generated for confidential clients)'],
  ['name', 'client_name', 'string', "the client's name"],
  ['owner', 'owner', 'string', 'owner, e.g. an email address or user id'],
  ['metadata', 'metadata', 'json-object', 'arbitrary JSON object kept with the client'],
  ['contact', 'contacts', 'list', 'contact address (repeatable, comma-separated)'],
  ['redirect-uri', 'redirect_uris', 'list', 'allowed redirect URI (repeatable, comma-separated)'],
  ['post-logout-callback', 'post_logout_redirect_uris', 'list', 'allowed post-logout redirect URI (repeatable)'],
  ['grant-type', 'grant_types', 'list', 'allowed grant type (repeatable; server default: authorization_code)'],
  ['response-type', 'response_types', 'list', 'allowed response type (repeatable; server default: code)'],
  ['scope', 'scope', 'scope', 'allowed scope (repeatable, space- or comma-separated)'],
  ['audience', 'audience', 'list', 'allowed access-token audience (repeatable)'],
  ['token-endpoint-auth-method', 'token_endpoint_auth_method', 'string', 'client_secret_basic | client_secret_post | private_key_jwt | none'],
  ['token-endpoint-auth-signing-alg', 'token_endpoint_auth_signing_alg', 'string', 'JWS alg for private_key_jwt'],
  ['jwks-uri', 'jwks_uri', 'string', 'URL of the JWK set used for private_key_jwt'],
  ['policy-uri', 'policy_uri', 'string', 'privacy policy URL'],
  ['tos-uri', 'tos_uri', 'string', 'terms of service URL'],
  ['client-uri', 'client_uri', 'string', "URL of the client's home page"],
  ['logo-uri', 'logo_uri', 'string', "URL of the client's logo"],
  ['allowed-cors-origin', 'allowed_cors_origins', 'list', 'origin allowed to call the token endpoint from a browser (repeatable)'],
  ['request-uri', 'request_uris', 'list', 'pre-registered request_uri (repeatable)'],
  ['request-object-signing-alg', 'request_object_signing_alg', 'string', 'JWS alg required for request objects'],
  ['sector-identifier-uri', 'sector_identifier_uri', 'string', 'sector identifier URL for pairwise subjects'],
  ['subject-type', 'subject_type', 'string', 'public | pairwise'],
  ['frontchannel-logout-callback', 'frontchannel_logout_uri', 'string', 'front-channel logout URL'],
  ['frontchannel-logout-session-required', 'frontchannel_logout_session_required', 'boolean', 'send iss and sid to the front-channel logout URL'],
  ['backchannel-logout-callback', 'backchannel_logout_uri', 'string', 'back-channel logout URL'],
  ['backchannel-logout-session-required', 'backchannel_logout_session_required', 'boolean', 'include sid in the logout token'],
  ['skip-consent', 'skip_consent', 'boolean', 'skip the consent screen (first-party clients only)'],
  ['skip-logout-consent', 'skip_logout_consent', 'boolean', 'skip the logout confirmation'],
  ['access-token-strategy', 'access_token_strategy', 'string', 'opaque | jwt (default: the server setting)'],
];

const CLIENT_FLAGS: readonly ClientFlag[] = ROWS.map(([flag, field, kind, description]) => ({ flag, field, kind, description }));

const specOf = (entry: ClientFlag): OptionSpec => {
  const multiple = entry.kind === 'list' || entry.kind === 'scope';
  if (entry.kind === 'boolean')
    return { type: 'boolean', description: `${entry.description} (--no-${entry.flag} to turn off)` };
  return {
    type: 'string',
    multiple,
    value: entry.kind === 'json-object' ? 'json' : 'value',
    description: entry.description,
  };
};

export const clientFieldOptions: OptionSpecs = Object.fromEntries(
  CLIENT_FLAGS.map((entry) => [entry.flag, specOf(entry)]),
);

/** `update` names the client by its argument; renaming a client is not a patch. */
export const clientUpdateOptions: OptionSpecs = Object.fromEntries(
  CLIENT_FLAGS.filter((entry) => entry.flag !== 'id').map((entry) => [entry.flag, specOf(entry)]),
);

export const fileOption = {
  file: {
    type: 'string',
    value: 'path',
    description: 'read the client from a JSON file ("-" for stdin); other client flags are ignored',
  },
} as const satisfies OptionSpecs;

const jsonObject = (flag: string, raw: string): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`flag --${flag} needs valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`flag --${flag} needs a JSON object, got ${raw}`);
  return parsed as Record<string, unknown>;
};

const valueOf = (entry: ClientFlag, flags: Flags): unknown => {
  switch (entry.kind) {
    case 'string':
      return flags.string(entry.flag);
    case 'list':
      return flags.list(entry.flag);
    case 'scope':
      return flags.scopes(entry.flag)?.join(' ');
    case 'boolean':
      return flags.boolean(entry.flag);
    case 'json-object': {
      const raw = flags.string(entry.flag);
      return raw === undefined ? undefined : jsonObject(entry.flag, raw);
    }
  }
};

/** The fields set on the command line, as wire names; unset flags are absent so server defaults apply. */
export const clientFieldsFromFlags = (flags: Flags): Record<string, unknown> => {
  const fields: Record<string, unknown> = {};
  for (const entry of CLIENT_FLAGS) {
    const value = valueOf(entry, flags);
    if (value !== undefined) fields[entry.field] = value;
  }
  return fields;
};

export interface PatchOperation {
  op: 'replace';
  path: string;
  value: unknown;
}

/** RFC 6902 patch that changes exactly the fields set on the command line. */
export const clientPatchFromFlags = (flags: Flags): PatchOperation[] =>
  Object.entries(clientFieldsFromFlags(flags))
    .filter(([field]) => field !== 'client_id')
    .map(([field, value]) => ({ op: 'replace', path: `/${field}`, value }));
