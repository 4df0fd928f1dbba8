/**
 * Provider answers in the shapes GitHub, Microsoft (Azure AD v2.0, multi-tenant `common`) and Apple
 * send, recorded from their documentation and real responses with identifying values replaced. The ID
 * tokens keep the recorded claim sets but are signed at test time with a fixture key (the providers'
 * own keys sign nothing here), with the nonce of the sign-in under test.
 */
export const MS_CONSUMER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
export const MS_WORK_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** GET https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration (abridged). */
export const microsoftCommonDiscovery = {
  token_endpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
  jwks_uri: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
  response_modes_supported: ['query', 'fragment', 'form_post'],
  subject_types_supported: ['pairwise'],
  id_token_signing_alg_values_supported: ['RS256'],
  response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
  scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
  issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
  request_uri_parameter_supported: false,
  userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
  authorization_endpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  device_authorization_endpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
  http_logout_supported: true,
  frontchannel_logout_supported: true,
  end_session_endpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/logout',
  claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
  kerberos_endpoint: 'https://login.microsoftonline.com/common/kerberos',
  tenant_region_scope: null,
  cloud_instance_name: 'microsoftonline.com',
  cloud_graph_host_name: 'graph.windows.net',
  msgraph_host: 'graph.microsoft.com',
  rbac_url: 'https://pas.windows.net',
};

/** A v2.0 ID token's claims for a work account (no email_verified: Azure does not vouch for addresses). */
export const microsoftIdTokenClaims = (clientId: string, tid = MS_WORK_TENANT): Record<string, unknown> => ({
  ver: '2.0',
  iss: `https://login.microsoftonline.com/${tid}/v2.0`,
  sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
  aud: clientId,
  tid,
  oid: '00000000-0000-0000-66f3-3332eca7ea81',
  name: 'Megan Bowen',
  preferred_username: 'meganb@contoso.example',
  email: 'meganb@contoso.example',
  aio: 'Df2UVXL1ix!lMCWMSOJBcFatzcGfvFGhjKv8q5g0x732dR5MB5BisvGQO7YWByjd8iQDLq!eGbIDakyp5mnOrcdqHeYSnltepQmRp6AIZ8jY',
});

/** POST https://appleid.apple.com/auth/token: an ID token, no name (Apple's "Authenticating users with Sign in with Apple"). */
export const appleIdTokenClaims = (clientId: string, email: string): Record<string, unknown> => ({
  iss: 'https://appleid.apple.com',
  aud: clientId,
  sub: '001234.5c2f1a0e8d3b4a6f9e7d2c1b0a9f8e7d.1234',
  c_hash: 'fVKP3GqC5w0BoQUe5dIZ8g',
  email,
  email_verified: true,
  is_private_email: false,
  auth_time: Math.floor(Date.now() / 1000),
  nonce_supported: true,
});

/** The `user` form field Apple POSTs on the first authorization only. */
export const appleUserField = (email: string): string => JSON.stringify({ name: { firstName: 'Jane', lastName: 'Appleseed' }, email });

/** GET https://api.github.com/user (abridged, GitHub REST API "Get the authenticated user"). */
export const githubUser = {
  login: 'octocat', id: 583231, node_id: 'MDQ6VXNlcjU4MzIzMQ==', avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
  html_url: 'https://github.com/octocat', type: 'User', site_admin: false, name: 'The Octocat', company: '@github',
  blog: 'https://github.blog', location: 'San Francisco', email: null, public_repos: 8, followers: 10000, following: 9,
  created_at: '2011-01-25T18:44:36Z', updated_at: '2024-01-22T12:12:22Z',
};

/** GET https://api.github.com/user/emails ("List email addresses for the authenticated user"). */
export const githubEmails = (primary: string, verified: boolean) => [
  { email: 'octocat@users.noreply.github.com', primary: false, verified: true, visibility: null },
  { email: primary, primary: true, verified, visibility: 'private' },
];
