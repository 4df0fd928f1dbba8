/**
 * `selfservice.methods.oidc`: sign-in through external OpenID Connect providers, in Kratos' config shape
 * (docs/operations/social-sign-in.md) so a Kratos provider list loads unchanged. Each provider decodes to
 * camelCase like every other key; its `mapper` keeps the user's trait paths as written.
 */
import { Type } from '@sinclair/typebox';
import { camelCase, renameKeys } from './camel-case.ts';
import { boolean, section, withDefault } from './schema-nodes.ts';

/** Kratos' provider names; which of them this version runs is checked at load time (checks-oidc.ts). */
export const OIDC_PROVIDER_KINDS = ['generic', 'google', 'github', 'microsoft', 'gitlab', 'apple'] as const;
/** Kratos' other provider names: accepted by the schema so a Kratos list loads, refused at load time with the fix. */
export const OIDC_OTHER_KRATOS_KINDS = ['facebook', 'discord', 'slack', 'spotify', 'linkedin', 'auth0', 'amazon', 'x', 'yandex', 'vk', 'patreon', 'salesforce'] as const;
export const OIDC_PKCE_MODES = ['auto', 'force', 'never'] as const;
export const OIDC_CLAIMS_SOURCES = ['id_token', 'userinfo'] as const;
export const OIDC_LINKING_MODES = ['', 'automatic'] as const;

/** A trait path (`name.first`) → a claim path with dots and `[i]` (`emails[0].value`). */
const mapper = Type.Object(
  {
    traits: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$' }), Type.String({ pattern: '^[A-Za-z0-9_:-]+(\\[\\d+\\])*(\\.[A-Za-z0-9_:-]+(\\[\\d+\\])*)*$' }), {
      description: 'Trait path → claim path, e.g. `{ email: email, name.first: given_name }`.',
    }),
  },
  { additionalProperties: false, description: 'Declarative claim mapping; without it the built-in mapping of the `default` schema applies.' },
);

const url = (description: string) => Type.Optional(Type.String({ format: 'http-url', description }));

const provider = Type.Object(
  {
    id: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_-]+$', description: 'Names the provider in the callback URL and the credential.' }),
    provider: Type.Unsafe<(typeof OIDC_PROVIDER_KINDS)[number]>({ enum: [...OIDC_PROVIDER_KINDS, ...OIDC_OTHER_KRATOS_KINDS], description: 'Provider kind.' }),
    label: Type.Optional(Type.String({ minLength: 1, description: 'Shown as "Sign in with <label>"; default: the id.' })),
    client_id: Type.String({ minLength: 1 }),
    client_secret: Type.Optional(Type.String({ minLength: 1, 'x-secret': true, description: 'Required, except for `apple` with apple_team_id, apple_private_key_id and apple_private_key.' })),
    issuer_url: url('The issuer; its discovery document gives the endpoints and keys.'),
    auth_url: url('Overrides the discovered authorization endpoint.'),
    token_url: url('Overrides the discovered token endpoint.'),
    microsoft_tenant: Type.Optional(Type.String({ minLength: 1, description: '`microsoft`: the Azure tenant (a tenant id, a domain, `common`, `organizations` or `consumers`).' })),
    apple_team_id: Type.Optional(Type.String({ minLength: 1, description: '`apple`: the team id that signs the client secret.' })),
    apple_private_key_id: Type.Optional(Type.String({ minLength: 1, description: '`apple`: the key id of apple_private_key.' })),
    apple_private_key: Type.Optional(Type.String({ minLength: 1, 'x-secret': true, description: '`apple`: the PKCS #8 PEM key the client secret JWT is signed with (ES256).' })),
    claims_source: Type.Optional(Type.Unsafe<(typeof OIDC_CLAIMS_SOURCES)[number]>({ enum: [...OIDC_CLAIMS_SOURCES], description: 'Where the claims come from: the ID token (default) or the userinfo endpoint.' })),
    account_linking_mode: Type.Optional(Type.Unsafe<(typeof OIDC_LINKING_MODES)[number]>({
      enum: [...OIDC_LINKING_MODES], description: '`automatic`: link to the identity with the same address when the provider verified it; default: the user signs in first.',
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
  authUrl?: string;
  tokenUrl?: string;
  scope?: string[];
  requestedClaims?: Record<string, unknown>;
  pkce?: (typeof OIDC_PKCE_MODES)[number];
  mapper?: { traits: Record<string, string> };
  mapperUrl?: string;
}

export const oidcMethodSection = section('Sign-in through external OpenID Connect providers (docs/operations/social-sign-in.md).', {
  enabled: boolean('Offer sign-in with the providers below.', false),
  config: section('The providers.', { providers }),
});
