/**
 * The client flags of `create`/`update oauth2-client` (hydra's names, reference/ory-api.md §3.1)
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

const CLIENT_FLAGS: readonly ClientFlag[] = [
  { flag: 'id', field: 'client_id', kind: 'string', description: 'client id (default: generated)' },
  { flag: 'secret', field: 'client_secret', kind: 'string', description: 'client secret, ≥ 6 characters (default: generated for confidential clients)' },
  { flag: 'name', field: 'client_name', kind: 'string', description: "the client's name" },
  { flag: 'owner', field: 'owner', kind: 'string', description: 'owner, e.g. an email address or user id' },
  { flag: 'metadata', field: 'metadata', kind: 'json-object', description: 'arbitrary JSON object kept with the client' },
  { flag: 'contact', field: 'contacts', kind: 'list', description: 'contact address (repeatable, comma-separated)' },
  { flag: 'redirect-uri', field: 'redirect_uris', kind: 'list', description: 'allowed redirect URI (repeatable, comma-separated)' },
  { flag: 'post-logout-callback', field: 'post_logout_redirect_uris', kind: 'list', description: 'allowed post-logout redirect URI (repeatable)' },
  { flag: 'grant-type', field: 'grant_types', kind: 'list', description: 'allowed grant type (repeatable; server default: authorization_code)' },
  { flag: 'response-type', field: 'response_types', kind: 'list', description: 'allowed response type (repeatable; server default: code)' },
  { flag: 'scope', field: 'scope', kind: 'scope', description: 'allowed scope (repeatable, space- or comma-separated)' },
  { flag: 'audience', field: 'audience', kind: 'list', description: 'allowed access-token audience (repeatable)' },
  { flag: 'token-endpoint-auth-method', field: 'token_endpoint_auth_method', kind: 'string', description: 'client_secret_basic | client_secret_post | private_key_jwt | none' },
  { flag: 'token-endpoint-auth-signing-alg', field: 'token_endpoint_auth_signing_alg', kind: 'string', description: 'JWS alg for private_key_jwt' },
  { flag: 'jwks-uri', field: 'jwks_uri', kind: 'string', description: 'URL of the JWK set used for private_key_jwt' },
  { flag: 'policy-uri', field: 'policy_uri', kind: 'string', description: 'privacy policy URL' },
  { flag: 'tos-uri', field: 'tos_uri', kind: 'string', description: 'terms of service URL' },
  { flag: 'client-uri', field: 'client_uri', kind: 'string', description: "URL of the client's home page" },
  { flag: 'logo-uri', field: 'logo_uri', kind: 'string', description: "URL of the client's logo" },
  { flag: 'allowed-cors-origin', field: 'allowed_cors_origins', kind: 'list', description: 'origin allowed to call the token endpoint from a browser (repeatable)' },
  { flag: 'request-uri', field: 'request_uris', kind: 'list', description: 'pre-registered request_uri (repeatable)' },
  { flag: 'request-object-signing-alg', field: 'request_object_signing_alg', kind: 'string', description: 'JWS alg required for request objects' },
  { flag: 'sector-identifier-uri', field: 'sector_identifier_uri', kind: 'string', description: 'sector identifier URL for pairwise subjects' },
  { flag: 'subject-type', field: 'subject_type', kind: 'string', description: 'public | pairwise' },
  { flag: 'frontchannel-logout-callback', field: 'frontchannel_logout_uri', kind: 'string', description: 'front-channel logout URL' },
  { flag: 'frontchannel-logout-session-required', field: 'frontchannel_logout_session_required', kind: 'boolean', description: 'send iss and sid to the front-channel logout URL' },
  { flag: 'backchannel-logout-callback', field: 'backchannel_logout_uri', kind: 'string', description: 'back-channel logout URL' },
  { flag: 'backchannel-logout-session-required', field: 'backchannel_logout_session_required', kind: 'boolean', description: 'include sid in the logout token' },
  { flag: 'skip-consent', field: 'skip_consent', kind: 'boolean', description: 'skip the consent screen (first-party clients only)' },
  { flag: 'skip-logout-consent', field: 'skip_logout_consent', kind: 'boolean', description: 'skip the logout confirmation' },
  { flag: 'access-token-strategy', field: 'access_token_strategy', kind: 'string', description: 'opaque | jwt (default: the server setting)' },
];

const specOf = (entry: ClientFlag): OptionSpec => {
  const multiple = entry.kind === 'list' || entry.kind === 'scope';
  if (entry.kind === 'boolean') return { type: 'boolean', description: `${entry.description} (--no-${entry.flag} to turn off)` };
  return { type: 'string', multiple, value: multiple ? 'value' : entry.kind === 'json-object' ? 'json' : 'value', description: entry.description };
};

export const clientFieldOptions: OptionSpecs = Object.fromEntries(CLIENT_FLAGS.map((entry) => [entry.flag, specOf(entry)]));

/** `update` names the client by its argument; renaming a client is not a patch. */
export const clientUpdateOptions: OptionSpecs = Object.fromEntries(
  CLIENT_FLAGS.filter((entry) => entry.flag !== 'id').map((entry) => [entry.flag, specOf(entry)]),
);

export const fileOption = {
  file: { type: 'string', value: 'path', description: 'read the client from a JSON file ("-" for stdin); other client flags are ignored' },
} as const satisfies OptionSpecs;

const jsonObject = (flag: string, raw: string): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`flag --${flag} needs valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`flag --${flag} needs a JSON object, got ${raw}`);
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
