/**
 * Route schemas of Hydra's client API (docs/compatibility.md §1.2, §1.4: OAuth2Client). Request
 * bodies say types only: the core's readers refuse unknown fields with the nearest known name.
 */
import { Type } from '@sinclair/typebox';
import { bodyOf, empty, errorResponses, optStr, pathOf, queryOf } from '../openapi/kit.ts';

const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const lifespan = Type.Optional(nullable(Type.String({ description: 'Go duration such as 1h30m; null: the global ttl' })));

const CLIENT_FIELDS = {
  client_id: optStr('Generated (a UUID) when omitted'),
  client_name: optStr(),
  client_secret: optStr('Only in the answer that created or rotated it'),
  client_secret_expires_at: Type.Optional(Type.Integer()),
  client_uri: optStr(), logo_uri: optStr(), policy_uri: optStr(), tos_uri: optStr(),
  contacts: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  owner: optStr(),
  redirect_uris: Type.Optional(Type.Array(Type.String())),
  post_logout_redirect_uris: Type.Optional(Type.Array(Type.String())),
  grant_types: Type.Optional(Type.Array(Type.String(), { description: 'authorization_code, refresh_token, client_credentials' })),
  response_types: Type.Optional(Type.Array(Type.String())),
  scope: optStr('Space-separated scopes'),
  audience: Type.Optional(Type.Array(Type.String())),
  allowed_cors_origins: Type.Optional(Type.Array(Type.String())),
  token_endpoint_auth_method: optStr('client_secret_basic, client_secret_post, private_key_jwt or none'),
  token_endpoint_auth_signing_alg: optStr(),
  jwks_uri: optStr(),
  jwks: Type.Optional(Type.Object({ keys: Type.Optional(Type.Array(Type.Unknown())) })),
  request_uris: Type.Optional(Type.Array(Type.String())),
  request_object_signing_alg: optStr(), sector_identifier_uri: optStr(),
  subject_type: optStr('public'), userinfo_signed_response_alg: optStr('none or RS256'),
  frontchannel_logout_uri: optStr(), frontchannel_logout_session_required: Type.Optional(Type.Boolean()),
  backchannel_logout_uri: optStr(), backchannel_logout_session_required: Type.Optional(Type.Boolean()),
  access_token_strategy: optStr('opaque or jwt; empty: oauth2.access_token_strategy'),
  skip_consent: Type.Optional(Type.Boolean()),
  skip_logout_consent: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  metadata: Type.Optional(Type.Unknown()),
  created_at: optStr(), updated_at: optStr(),
  authorization_code_grant_access_token_lifespan: lifespan,
  authorization_code_grant_id_token_lifespan: lifespan,
  authorization_code_grant_refresh_token_lifespan: lifespan,
  client_credentials_grant_access_token_lifespan: lifespan,
  refresh_token_grant_id_token_lifespan: lifespan,
  refresh_token_grant_access_token_lifespan: lifespan,
  refresh_token_grant_refresh_token_lifespan: lifespan,
};

/** Hydra's OAuth2Client as answered. */
export const OAuth2Client = Type.Object({ ...CLIENT_FIELDS, client_id: Type.String() }, { description: "An OAuth2 client in Hydra's shape" });
/** As sent: every field optional; output-only fields are accepted and ignored. */
const ClientInput = Type.Object(CLIENT_FIELDS, { description: "An OAuth2 client in Hydra's shape" });
const JsonPatch = Type.Array(Type.Object({ op: Type.String(), path: Type.String(), value: Type.Optional(Type.Unknown()), from: Type.Optional(Type.String()) }), { description: 'RFC 6902 JSON Patch' });
const RotationBody = Type.Object({
  rotated_secrets_ttl: optStr('Go duration: how long the replaced secrets stay accepted'),
  rotated_secrets_expire_at: optStr('RFC 3339: when the replaced secrets stop being accepted'),
}, { description: 'Olympus extension: when the replaced secrets stop being accepted (AS-47)' });

const tags = ['oauth2-clients'];
const errors = errorResponses('oauth2');
const id = pathOf({ id: 'The client_id' });

export const clientSchemas = {
  list: { tags, operationId: 'listOAuth2Clients', summary: 'List clients (keyset pages, Link header)',
    querystring: queryOf({ page_size: 'Items per page', page_token: 'From the Link header', client_name: 'Filter by name', owner: 'Filter by owner' }),
    response: { 200: Type.Array(OAuth2Client, { description: 'A page of clients' }), ...errors } },
  create: { tags, operationId: 'createOAuth2Client', summary: 'Create a client', body: bodyOf(ClientInput),
    response: { 201: { ...OAuth2Client, description: 'The client, with client_secret' }, ...errors } },
  get: { tags, operationId: 'getOAuth2Client', summary: 'Get a client', params: id, response: { 200: OAuth2Client, ...errors } },
  replace: { tags, operationId: 'setOAuth2Client', summary: 'Replace a client', params: id, body: bodyOf(ClientInput), response: { 200: OAuth2Client, ...errors } },
  patch: { tags, operationId: 'patchOAuth2Client', summary: 'Patch a client (RFC 6902)', params: id,
    body: bodyOf(JsonPatch, ['application/json', 'application/json-patch+json']), response: { 200: OAuth2Client, ...errors } },
  delete: { tags, operationId: 'deleteOAuth2Client', summary: 'Delete a client', params: id, response: { 204: empty('Deleted'), ...errors } },
  rotate: { tags, operationId: 'rotateOAuth2ClientSecret', summary: 'Rotate the client secret', params: id, body: bodyOf(RotationBody),
    response: { 200: { ...OAuth2Client, description: 'The client, with the new client_secret' }, ...errors } },
  retire: { tags, operationId: 'deleteOAuth2ClientRotatedSecrets', summary: 'Stop accepting the replaced secrets', params: id, response: { 204: empty('Done'), ...errors } },
};
