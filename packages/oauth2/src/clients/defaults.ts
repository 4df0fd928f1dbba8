/**
 * A complete OAuth2Client from partial input, with Hydra's defaults (client/validator.go and its
 * snapshots, docs/compatibility.md §1.4). Empty values count as "not set" where Hydra treats them so.
 */
import { randomUUID } from 'node:crypto';
import type { OAuth2Client } from './client.ts';

/** Every field optional and nullable: what a caller may send. */
export type ClientInput = { [K in keyof OAuth2Client]?: OAuth2Client[K] | null };

export const DEFAULT_SCOPE = 'offline_access offline openid';

const nonEmpty = <T>(value: T[] | null | undefined, fallback: T[]): T[] =>
  value && value.length > 0 ? value : fallback;

const orDefault = <T>(value: T | null | undefined, fallback: T): T => (value === undefined || value === null ? fallback : value);

const text = (value: string | null | undefined): string => value ?? '';

export const clientWithDefaults = (input: ClientInput, now: number): OAuth2Client => {
  const timestamp = new Date(now).toISOString();
  return {
    client_id: input.client_id || randomUUID(),
    client_name: text(input.client_name),
    client_secret_expires_at: 0,
    client_uri: text(input.client_uri),
    logo_uri: text(input.logo_uri),
    policy_uri: text(input.policy_uri),
    tos_uri: text(input.tos_uri),
    contacts: input.contacts ?? null,
    owner: text(input.owner),
    redirect_uris: input.redirect_uris ?? [],
    post_logout_redirect_uris: input.post_logout_redirect_uris ?? [],
    grant_types: nonEmpty(input.grant_types, ['authorization_code']),
    response_types: nonEmpty(input.response_types, ['code']),
    scope: input.scope || DEFAULT_SCOPE,
    audience: input.audience ?? [],
    allowed_cors_origins: input.allowed_cors_origins ?? [],
    token_endpoint_auth_method: input.token_endpoint_auth_method || 'client_secret_basic',
    token_endpoint_auth_signing_alg: text(input.token_endpoint_auth_signing_alg),
    jwks_uri: text(input.jwks_uri),
    jwks: input.jwks ?? {},
    request_uris: input.request_uris ?? [],
    request_object_signing_alg: text(input.request_object_signing_alg),
    sector_identifier_uri: text(input.sector_identifier_uri),
    subject_type: input.subject_type || 'public',
    userinfo_signed_response_alg: input.userinfo_signed_response_alg || 'none',
    frontchannel_logout_uri: text(input.frontchannel_logout_uri),
    frontchannel_logout_session_required: orDefault(input.frontchannel_logout_session_required, false),
    backchannel_logout_uri: text(input.backchannel_logout_uri),
    backchannel_logout_session_required: orDefault(input.backchannel_logout_session_required, false),
    access_token_strategy: input.access_token_strategy ?? '',
    skip_consent: orDefault(input.skip_consent, false),
    skip_logout_consent: input.skip_logout_consent ?? null,
    metadata: input.metadata ?? {},
    created_at: input.created_at || timestamp,
    updated_at: input.updated_at || timestamp,
    authorization_code_grant_access_token_lifespan: input.authorization_code_grant_access_token_lifespan || null,
    authorization_code_grant_id_token_lifespan: input.authorization_code_grant_id_token_lifespan || null,
    authorization_code_grant_refresh_token_lifespan: input.authorization_code_grant_refresh_token_lifespan || null,
    client_credentials_grant_access_token_lifespan: input.client_credentials_grant_access_token_lifespan || null,
    refresh_token_grant_id_token_lifespan: input.refresh_token_grant_id_token_lifespan || null,
    refresh_token_grant_access_token_lifespan: input.refresh_token_grant_access_token_lifespan || null,
    refresh_token_grant_refresh_token_lifespan: input.refresh_token_grant_refresh_token_lifespan || null,
  };
};
