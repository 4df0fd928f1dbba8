import { endpointsOf } from '@olympus/oauth2';
import type { RegisterRoutes } from '../deps.ts';
import { discoverySchemas as schemas } from './discovery.schema.ts';

/**
 * OpenID Provider Metadata (OIDC Discovery §3) and its RFC 8414 twin. Only what Olympus really
 * does is advertised: code flow, S256 only (RFC 9700 §2.1.1), `iss` in responses (RFC 9207 §3).
 */
export const discoveryDocument = (ctx: Parameters<RegisterRoutes>[1]['ctx']) => {
  const e = endpointsOf(ctx.config);
  return {
    issuer: e.issuer,
    authorization_endpoint: e.authorization,
    token_endpoint: e.token,
    jwks_uri: e.jwks,
    userinfo_endpoint: e.userinfo,
    revocation_endpoint: e.revocation,
    end_session_endpoint: e.endSession,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'form_post'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [ctx.config.oauth2.idTokenSigningAlg],
    userinfo_signing_alg_values_supported: ['none'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'offline_access', 'offline', 'profile', 'email', 'address', 'phone'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'at_hash', 'acr', 'amr', 'sid', 'email', 'email_verified', 'name', 'given_name', 'family_name'],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    require_request_uri_registration: true,
    authorization_response_iss_parameter_supported: true,
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    frontchannel_logout_supported: false,
    frontchannel_logout_session_supported: false,
  };
};

export const registerDiscoveryRoutes: RegisterRoutes = (app, deps) => {
  const send = async (_req: unknown, reply: { header(k: string, v: string): unknown }) => {
    reply.header('cache-control', 'public, max-age=60');
    return discoveryDocument(deps.ctx);
  };
  app.get('/.well-known/openid-configuration', { schema: schemas.discovery('discoverOidcConfiguration') }, send);
  app.get('/.well-known/oauth-authorization-server', { schema: schemas.discovery('discoverOAuth2AuthorizationServer') }, send);
  app.get('/.well-known/jwks.json', { schema: schemas.jwks }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=60');
    return deps.ctx.keys.publicJwks();
  });
};
