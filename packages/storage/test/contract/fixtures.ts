/** Builders of valid domain objects for the contract suite; every id is unique unless given. */
import { randomUUID } from 'node:crypto';
import type {
  AccessTokenRecord, AuthenticationSession, AuthorizationCodeRecord, ConsentResult, Flow, GrantSession, LoginResult,
  OAuth2Client, RefreshTokenRecord, StoredClient,
} from '@olympus/oauth2';

export const uid = (prefix: string): string => `${prefix}-${randomUUID()}`;

export const NOW = 1_750_000_000_000;

export const storedClient = (overrides: Partial<OAuth2Client> = {}, secretHashes = ['h1']): StoredClient => ({
  secretHashes,
  client: {
    client_id: uid('client'), client_name: 'Demo app', client_secret_expires_at: 0, client_uri: '', logo_uri: '',
    policy_uri: '', tos_uri: '', contacts: null, owner: '', redirect_uris: ['https://app.example/cb'],
    post_logout_redirect_uris: [], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
    scope: 'openid offline_access', audience: [], allowed_cors_origins: [], token_endpoint_auth_method: 'client_secret_basic',
    token_endpoint_auth_signing_alg: '', jwks_uri: '', jwks: {}, request_uris: [], request_object_signing_alg: '',
    sector_identifier_uri: '', subject_type: 'public', userinfo_signed_response_alg: 'none', frontchannel_logout_uri: '',
    frontchannel_logout_session_required: false, backchannel_logout_uri: '', backchannel_logout_session_required: false,
    access_token_strategy: 'opaque', skip_consent: false, skip_logout_consent: null, metadata: { tier: 'gold', n: 1 },
    created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z',
    authorization_code_grant_access_token_lifespan: null, authorization_code_grant_id_token_lifespan: null,
    authorization_code_grant_refresh_token_lifespan: null, client_credentials_grant_access_token_lifespan: null,
    refresh_token_grant_id_token_lifespan: null, refresh_token_grant_access_token_lifespan: null,
    refresh_token_grant_refresh_token_lifespan: null,
    ...overrides,
  },
});

export const loginResult = (overrides: Partial<LoginResult> = {}): LoginResult => ({
  subject: 'alice', sessionId: uid('sid'), authenticatedAt: NOW, remember: true, rememberFor: 3600, acr: '0', amr: ['pwd'],
  context: {}, extendSessionLifespan: false, identityProviderSessionId: '', forceSubjectIdentifier: '', ...overrides,
});

export const consentResult = (overrides: Partial<ConsentResult> = {}): ConsentResult => ({
  grantScope: ['openid'], grantAudience: [], remember: true, rememberFor: 3600, context: { via: 'test' },
  session: { access_token: { a: 1 }, id_token: { b: true } }, handledAt: NOW, ...overrides,
});

export const flow = (clientId: string, overrides: Partial<Flow> = {}): Flow => ({
  id: uid('flow'), state: 'login_pending', clientId,
  request: {
    clientId, redirectUri: 'https://app.example/cb', redirectUriSent: true, responseType: 'code', responseMode: 'query',
    scope: ['openid'], audience: [], state: 'xyz-state-123', nonce: 'n', prompt: [], maxAge: null, loginHint: '', uiLocales: [],
    acrValues: [], display: '', idTokenHintClaims: {}, codeChallenge: 'c'.repeat(43), codeChallengeMethod: 'S256',
    requestUrl: 'https://as.example/oauth2/auth?x=1',
  },
  csrf: uid('csrf'), traceId: uid('trace'), loginChallenge: uid('lc'), loginVerifier: null, loginSkip: false, skipSubject: '',
  proposedSessionId: uid('sid'), login: null, loginError: null, consentChallenge: null, consentVerifier: null, consentSkip: false,
  consent: null, consentError: null, requestedAt: NOW, expiresAt: NOW + 3_600_000, revokedAt: null, ...overrides,
});

/** A flow whose consent was granted and turned into a code (state consent_used). */
export const grantedFlow = (clientId: string, subject: string, consent: Partial<ConsentResult> = {}, login: Partial<LoginResult> = {}): Flow =>
  flow(clientId, {
    state: 'consent_used', loginVerifier: uid('lv'), login: loginResult({ subject, ...login }), consentChallenge: uid('cc'),
    consentVerifier: uid('cv'), consent: consentResult(consent),
  });

export const grantSession = (clientId: string, overrides: Partial<GrantSession> = {}): GrantSession => ({
  grantId: uid('grant'), flowId: uid('flow'), clientId, subject: 'alice', scope: ['openid', 'offline_access'], audience: [],
  sessionId: uid('sid'), authTime: NOW, requestedAt: NOW, acr: '0', amr: ['pwd'], nonce: 'n', idTokenClaims: { email: 'a@x' },
  accessTokenClaims: { ext: { k: [1, 2] } }, traceId: uid('trace'), ...overrides,
});

export const code = (session: GrantSession, overrides: Partial<AuthorizationCodeRecord> = {}): AuthorizationCodeRecord => ({
  signature: uid('ac'), session, redirectUri: 'https://app.example/cb', redirectUriSent: true, codeChallenge: 'c'.repeat(43),
  codeChallengeMethod: 'S256', issuedAt: NOW, expiresAt: NOW + 600_000, usedAt: null, ...overrides,
});

export const accessToken = (session: GrantSession, overrides: Partial<AccessTokenRecord> = {}): AccessTokenRecord => ({
  signature: uid('at'), session, issuedAt: NOW, expiresAt: NOW + 900_000, revokedAt: null, ...overrides,
});

export const refreshToken = (session: GrantSession, accessTokenSignature: string, overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  signature: uid('rt'), session, accessTokenSignature, offline: true, issuedAt: NOW, expiresAt: null, usedAt: null, revokedAt: null,
  ...overrides,
});

export const authSession = (subject: string, overrides: Partial<AuthenticationSession> = {}): AuthenticationSession => ({
  id: uid('sid'), subject, authenticatedAt: NOW, remember: true, expiresAt: NOW + 86_400_000, identityProviderSessionId: '',
  revokedAt: null, ...overrides,
});

/** Counts outcomes of parallel attempts, e.g. { consumed: 1, already_used: 19 }. */
export const tally = (statuses: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
};
