/**
 * `selfservice.methods.oidc`: sign-in through external OpenID Connect providers, in Kratos' config shape
 * (docs/operations/social-sign-in.md) so a Kratos provider list loads unchanged. Each provider decodes to
 * camelCase like every other key; its `mapper` keeps the user's trait paths as written.
 */
import { Type } from '@sinclair/typebox';
import { camelCase, renameKeys, snakeCase } from './camel-case.ts';
import { boolean, section, withDefault } from './schema-nodes.ts';

/** Kratos' provider names; which of them this version runs is checked at load time (checks-oidc.ts). */
export const OIDC_PROVIDER_KINDS = ['generic', 'google', 'github', 'microsoft', 'gitlab', 'apple'] as const;
/** Kratos' other provider names: accepted by the schema so a Kratos list loads, refused at load time with the fix. */
export const OIDC_OTHER_KRATOS_KINDS = ['facebook', 'discord', 'slack', 'spotify', 'linkedin', 'auth0', 'amazon', 'x', 'yandex', 'vk', 'patreon', 'salesforce'] as const;
export const OIDC_PKCE_MODES = ['auto', 'force', 'never'] as const;
export const OIDC_CLAIMS_SOURCES = ['id_token', 'userinfo'] as const;
export const OIDC_LINKING_MODES = ['', 'automatic'] as const;
export const OIDC_UPDATE_ON_LOGIN_MODES = ['never', 'automatic'] as const;

const KEY_PATH = '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$';
const CLAIM_PATH = '^[A-Za-z0-9_:-]+(\\[\\d+\\])*(\\.[A-Za-z0-9_:-]+(\\[\\d+\\])*)*$';
/** The longest CEL expression accepted; with the parser's limits it bounds an expression's cost (docs/decisions/0007-cel-mapping.md). */
export const OIDC_CEL_MAX_LENGTH = 1024;

const cel = (description: string) => Type.String({ minLength: 1, maxLength: OIDC_CEL_MAX_LENGTH, description });
const whenVerified = Type.Optional(Type.Boolean({ description: 'Use the value only when the provider vouched for it (an address with `email_verified: true`).' }));

/** Where a trait or metadata value comes from: a claim path, or `{ from }` / `{ cel }` with `when_verified`. */
const source = Type.Union([
  Type.String({ pattern: CLAIM_PATH, description: 'A claim path with dots and `[i]`, e.g. `emails[0].value`.' }),
  Type.Object({ from: Type.String({ pattern: CLAIM_PATH }), when_verified: whenVerified }, { additionalProperties: false }),
  Type.Object({ cel: cel('A CEL expression over `claims`.'), when_verified: whenVerified }, { additionalProperties: false }),
], { description: 'a claim path (`given_name`, `emails[0].value`), `{ from: <claim path>, when_verified: true }` or `{ cel: <expression> }`' });

const keyed = (description: string) => Type.Optional(Type.Record(Type.String({ pattern: KEY_PATH }), source, { description }));

const mapperObject = Type.Object(
  {
    when: Type.Optional(cel('A CEL condition over `claims`; sign-in is refused when it is false.')),
    traits: keyed('Trait path → source, e.g. `{ email: email, name.first: given_name }`.'),
    verified_addresses: Type.Optional(Type.Array(Type.String({ pattern: KEY_PATH }), {
      description: 'Trait paths whose values are marked verified, each only if it is an address the provider vouched for; default: every such address.',
    })),
    metadata_public: keyed('Key path → source, stored on the new identity\'s metadata_public.'),
    metadata_admin: keyed('Key path → source, stored on the new identity\'s metadata_admin.'),
  },
  { additionalProperties: false, description: 'Declarative claim mapping; without `traits` the built-in mapping of the `default` schema applies.' },
);

type SourceInFile = string | { from: string; when_verified?: boolean } | { cel: string; when_verified?: boolean };
const decodeSources = (sources: Record<string, SourceInFile> | undefined) => sources === undefined ? undefined
  : Object.fromEntries(Object.entries(sources).map(([key, s]) => [key, typeof s === 'string' ? s : renameKeys(s, camelCase)])) as Record<string, OidcMapperSource>;
const encodeSources = (sources: Record<string, OidcMapperSource> | undefined) => sources === undefined ? undefined
  : Object.fromEntries(Object.entries(sources).map(([key, s]) => [key, typeof s === 'string' ? s : renameKeys(s, snakeCase)]));
const withoutUndefined = <T extends object>(record: T): T => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;

/** camelCase keys like every other section; the user's trait and metadata paths are kept as written. */
const mapper = Type.Transform(mapperObject)
  .Decode((m): OidcMapperConfig => withoutUndefined({
    when: m.when, traits: decodeSources(m.traits), verifiedAddresses: m.verified_addresses,
    metadataPublic: decodeSources(m.metadata_public), metadataAdmin: decodeSources(m.metadata_admin),
  }))
  .Encode((m) => withoutUndefined({
    when: m.when, traits: encodeSources(m.traits), verified_addresses: m.verifiedAddresses,
    metadata_public: encodeSources(m.metadataPublic), metadata_admin: encodeSources(m.metadataAdmin),
  }) as never);

const url = (description: string) => Type.Optional(Type.String({ format: 'http-url', description }));

const provider = Type.Object(
  {
    id: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_-]+$', description: 'Names the provider in the callback URL and the credential.' }),
    provider: Type.Unsafe<(typeof OIDC_PROVIDER_KINDS)[number]>({ enum: [...OIDC_PROVIDER_KINDS, ...OIDC_OTHER_KRATOS_KINDS], description: 'Provider kind.' }),
    label: Type.Optional(Type.String({ minLength: 1, description: 'Shown as "Sign in with <label>"; default: the id.' })),
    client_id: Type.String({ minLength: 1 }),
    client_secret: Type.Optional(Type.String({ minLength: 1, 'x-secret': true, description: 'Required, except for `apple` with apple_team_id, apple_private_key_id and apple_private_key. `env://NAME` or `file://<path>` reads it from there at start.' })),
    issuer_url: url('The issuer; its discovery document gives the endpoints and keys.'),
    auth_url: url('Overrides the discovered authorization endpoint.'),
    token_url: url('Overrides the discovered token endpoint.'),
    microsoft_tenant: Type.Optional(Type.String({ minLength: 1, description: '`microsoft`: the Azure tenant (a tenant id, a domain, `common`, `organizations` or `consumers`).' })),
    apple_team_id: Type.Optional(Type.String({ minLength: 1, description: '`apple`: the team id that signs the client secret.' })),
    apple_private_key_id: Type.Optional(Type.String({ minLength: 1, description: '`apple`: the key id of apple_private_key.' })),
    apple_private_key: Type.Optional(Type.String({ minLength: 1, 'x-secret': true, description: '`apple`: the PKCS #8 PEM key the client secret JWT is signed with (ES256); `env://NAME` or `file://<path>` reads it from there at start.' })),
    claims_source: Type.Optional(Type.Unsafe<(typeof OIDC_CLAIMS_SOURCES)[number]>({ enum: [...OIDC_CLAIMS_SOURCES], description: 'Where the claims come from: the ID token (default) or the userinfo endpoint.' })),
    account_linking_mode: Type.Optional(Type.Unsafe<(typeof OIDC_LINKING_MODES)[number]>({
      enum: [...OIDC_LINKING_MODES], description: '`automatic`: link to the identity with the same address when the provider verified it; default: the user signs in first.',
    })),
    update_identity_on_login: Type.Optional(Type.Unsafe<(typeof OIDC_UPDATE_ON_LOGIN_MODES)[number]>({
      enum: [...OIDC_UPDATE_ON_LOGIN_MODES], description: '`automatic`: every sign-in maps the claims again and updates the traits (still checked by the schema); default: never.',
    })),
    scope: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Scopes besides `openid` (always sent); default: email, profile.' })),
    requested_claims: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'The `claims` request parameter (OIDC Core §5.5).' })),
    pkce: Type.Optional(Type.Unsafe<(typeof OIDC_PKCE_MODES)[number]>({ enum: [...OIDC_PKCE_MODES], description: 'PKCE (RFC 7636): auto uses it when discovery lists S256.' })),
    mapper: Type.Optional(mapper),
    mapper_url: Type.Optional(Type.String({ description: "Kratos' Jsonnet mapper: refused at load time; use `mapper`." })),
  },
  { additionalProperties: false },
);

const providers = withDefault(
  Type.Array(Type.Transform(provider).Decode((p) => renameKeys(p, camelCase) as unknown as OidcProviderConfig).Encode((p) => p as never), {
    description: "The providers, with Kratos' fields; each field is described in docs/operations/social-sign-in.md. Kinds: generic, google, github, microsoft, gitlab, apple.",
  }),
  [],
);

/** A claim path, a claim path used only when vouched for, or a CEL expression (docs/operations/social-sign-in.md). */
export type OidcMapperSource = string | { from: string; whenVerified?: boolean } | { cel: string; whenVerified?: boolean };

export interface OidcMapperConfig {
  when?: string;
  traits?: Record<string, OidcMapperSource>;
  verifiedAddresses?: string[];
  metadataPublic?: Record<string, OidcMapperSource>;
  metadataAdmin?: Record<string, OidcMapperSource>;
}

export interface OidcProviderConfig {
  id: string;
  provider: (typeof OIDC_PROVIDER_KINDS)[number] | (typeof OIDC_OTHER_KRATOS_KINDS)[number];
  label?: string;
  clientId: string;
  clientSecret?: string;
  issuerUrl?: string;
  microsoftTenant?: string;
  appleTeamId?: string;
  applePrivateKeyId?: string;
  applePrivateKey?: string;
  claimsSource?: (typeof OIDC_CLAIMS_SOURCES)[number];
  accountLinkingMode?: (typeof OIDC_LINKING_MODES)[number];
  updateIdentityOnLogin?: (typeof OIDC_UPDATE_ON_LOGIN_MODES)[number];
  authUrl?: string;
  tokenUrl?: string;
  scope?: string[];
  requestedClaims?: Record<string, unknown>;
  pkce?: (typeof OIDC_PKCE_MODES)[number];
  mapper?: OidcMapperConfig;
  mapperUrl?: string;
}

export const oidcMethodSection = section('Sign-in through external OpenID Connect providers (docs/operations/social-sign-in.md).', {
  enabled: boolean('Offer sign-in with the providers below.', false),
  config: section('The providers.', { providers }),
});
