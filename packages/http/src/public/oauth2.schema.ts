/**
 * Route schemas of the OAuth2 and OpenID Connect endpoints (docs/compatibility.md §1.1, §1.3, §1.4):
 * form bodies of strings (RFC 6749 §3.2), JSON answers, errors in RFC 6749 §5.2's shape. The browser
 * endpoints' parameters carry no type: a repeated parameter is refused with the HTML error page
 * (form-body.ts, AS-4), never a JSON validation error.
 */
import { Type } from '@sinclair/typebox';
import { bodyOf, empty, errorResponses, FORM, object, optStr } from '../openapi/kit.ts';
import { pageSchema } from '../openapi/page.ts';

const errors = errorResponses('oauth2');
const formOf = (fields: Record<string, string>) => bodyOf(Type.Object(Object.fromEntries(Object.entries(fields).map(([k, d]) => [k, optStr(d)]))), [FORM]);

const CLIENT_AUTH = {
  client_id: 'client_secret_post or none', client_secret: 'client_secret_post',
  client_assertion_type: 'private_key_jwt (RFC 7523)', client_assertion: 'private_key_jwt (RFC 7523)',
};

export const TokenResponse = object({
  access_token: Type.String(), token_type: Type.String({ description: 'bearer' }), expires_in: Type.Integer(), scope: Type.String(),
  refresh_token: optStr(), id_token: optStr(),
}, 'RFC 6749 §5.1 token response');

const Introspection = object({
  active: Type.Boolean(), scope: optStr(), client_id: optStr(), sub: optStr(), exp: Type.Optional(Type.Integer()), iat: Type.Optional(Type.Integer()),
  nbf: Type.Optional(Type.Integer()), aud: Type.Optional(Type.Array(Type.String())), iss: optStr(), token_type: optStr(), token_use: optStr(),
  username: optStr(), ext: Type.Optional(Type.Unknown()),
}, "RFC 7662 §2.2 (Hydra's IntrospectedOAuth2Token); an inactive token is exactly {active: false}");

const AUTHORIZE_PARAMS = {
  response_type: 'code', client_id: 'The client', redirect_uri: 'A registered redirect URI', scope: 'Space-separated scopes', state: 'Opaque value for the client',
  nonce: 'OIDC Core §3.1.2.1', code_challenge: 'RFC 7636 (S256)', code_challenge_method: 'S256', response_mode: 'query or form_post', prompt: 'none, login, consent',
  max_age: 'Seconds', ui_locales: 'Preferred languages', id_token_hint: 'A previous ID token', login_hint: 'Hint for the login UI', acr_values: 'Requested ACRs',
  audience: 'Requested audiences', request: 'Refused: request_not_supported', request_uri: 'Refused: request_uri_not_supported',
  login_verifier: 'Back from the login UI', consent_verifier: 'Back from the consent UI',
};
const LOGOUT_PARAMS = {
  id_token_hint: 'The ID token of the session', client_id: 'The client', post_logout_redirect_uri: 'A registered URI', state: 'Opaque value for the client',
  ui_locales: 'Preferred languages', logout_verifier: 'Back from the logout UI',
};

const browser = (operationId: string, summary: string, params: Record<string, string>, post: boolean) => ({
  ...pageSchema({ summary, tag: 'oauth2', ...(post ? { form: params } : { query: params }) }), operationId,
});

export const oauth2Schemas = {
  token: { tags: ['oauth2'], operationId: 'oauth2TokenExchange', summary: 'The token endpoint (RFC 6749 §3.2)',
    body: formOf({ grant_type: 'authorization_code, refresh_token or client_credentials', code: 'authorization_code', redirect_uri: 'authorization_code',
      code_verifier: 'RFC 7636', refresh_token: 'refresh_token', scope: 'Requested scopes', audience: 'Requested audiences', ...CLIENT_AUTH }),
    response: { 200: TokenResponse, ...errors } },
  tokenNotPost: (method: string) => ({ tags: ['oauth2'], operationId: `${method.toLowerCase()}OAuth2TokenRefused`, summary: 'Refused: the token endpoint takes POST only (Allow: POST)',
    response: { ...errors } }),
  revoke: { tags: ['oauth2'], operationId: 'revokeOAuth2Token', summary: 'Token revocation (RFC 7009)',
    body: formOf({ token: 'The token', token_type_hint: 'access_token or refresh_token', ...CLIENT_AUTH }),
    response: { 200: empty('Revoked, or unknown (RFC 7009 §2.2)'), ...errors } },
  introspect: { tags: ['oauth2'], operationId: 'introspectOAuth2Token', summary: 'Token introspection (RFC 7662)',
    body: formOf({ token: 'The token', scope: 'Scopes the token must have' }), response: { 200: Introspection, ...errors } },
  userinfo: (method: 'GET' | 'POST') => ({ tags: ['oidc'], operationId: method === 'GET' ? 'getOidcUserInfo' : 'postOidcUserInfo', summary: 'OIDC Core §5.3 UserInfo',
    ...(method === 'POST' ? { body: formOf({ access_token: 'RFC 6750 §2.2 (else the Authorization header)' }) } : {}),
    response: { 200: object({ sub: Type.String() }, 'The claims of the consent'), ...errors } }),
  authorize: (method: 'GET' | 'POST') => browser(method === 'GET' ? 'oAuth2Authorize' : 'oAuth2AuthorizePost', 'Authorization endpoint (RFC 6749 §3.1)', AUTHORIZE_PARAMS, method === 'POST'),
  logout: (method: 'GET' | 'POST') => browser(method === 'GET' ? 'revokeOidcSession' : 'revokeOidcSessionPost', 'RP-initiated logout (OIDC RP-Initiated Logout 1.0)', LOGOUT_PARAMS, method === 'POST'),
};
