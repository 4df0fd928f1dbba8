/**
 * The OAuth2 client as Hydra's admin API shows it (`OAuth2Client`, docs/compatibility.md §1.4).
 * Field names are the wire names on purpose: the same object is stored, validated and returned.
 */
export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';

export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export interface OAuth2Client {
  client_id: string;
  client_name: string;
  client_secret_expires_at: number;
  client_uri: string;
  logo_uri: string;
  policy_uri: string;
  tos_uri: string;
  contacts: string[] | null;
  owner: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  scope: string;
  audience: string[];
  allowed_cors_origins: string[];
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  token_endpoint_auth_signing_alg: string;
  jwks_uri: string;
  jwks: { keys?: unknown[] };
  request_uris: string[];
  request_object_signing_alg: string;
  sector_identifier_uri: string;
  subject_type: 'public' | 'pairwise';
  userinfo_signed_response_alg: string;
  frontchannel_logout_uri: string;
  frontchannel_logout_session_required: boolean;
  backchannel_logout_uri: string;
  backchannel_logout_session_required: boolean;
  access_token_strategy: '' | 'opaque' | 'jwt';
  skip_consent: boolean;
  skip_logout_consent: boolean | null;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  /** Per-grant lifespans as Go duration strings ("1h30m"), null = the global `ttl.*` value. */
  authorization_code_grant_access_token_lifespan: string | null;
  authorization_code_grant_id_token_lifespan: string | null;
  authorization_code_grant_refresh_token_lifespan: string | null;
  client_credentials_grant_access_token_lifespan: string | null;
  refresh_token_grant_id_token_lifespan: string | null;
  refresh_token_grant_access_token_lifespan: string | null;
  refresh_token_grant_refresh_token_lifespan: string | null;
}

/**
 * A client as storage keeps it: the public shape plus the keyed hashes of its secrets.
 * `secretHashes[0]` is the current secret, the rest are rotated secrets still accepted
 * (Hydra keeps up to 5 for zero-downtime rotation). Plain secrets are never stored.
 */
export interface StoredClient {
  client: OAuth2Client;
  secretHashes: string[];
  /**
   * When a rotated secret stops being accepted (epoch ms), by its keyed hash (clients/rotation.ts).
   * A rotated hash without an entry is accepted until DELETE …/secrets/rotate retires it — so rows
   * stored before rotation windows existed, which lack the field, keep working as they did.
   */
  rotatedSecretsExpireAt?: Record<string, number>;
}

export const scopesOf = (client: Pick<OAuth2Client, 'scope'>): string[] =>
  client.scope.split(' ').filter((s) => s.length > 0);

export const isPublicClient = (client: Pick<OAuth2Client, 'token_endpoint_auth_method'>): boolean =>
  client.token_endpoint_auth_method === 'none';
