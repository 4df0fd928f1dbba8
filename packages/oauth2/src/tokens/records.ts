/**
 * What storage keeps for each issued credential. Every record is keyed by the token's
 * signature (a keyed hash of the token), never by the token itself (docs/security.md AS-43).
 * All times are epoch milliseconds.
 */
export interface GrantSession {
  /** The grant (token family): codes, access and refresh tokens of one authorization share it. */
  grantId: string;
  /** The flow (consent request) the grant came from; empty for client_credentials. */
  flowId: string;
  clientId: string;
  subject: string;
  scope: string[];
  audience: string[];
  /** `sid`: the authentication session; empty for client_credentials. */
  sessionId: string;
  authTime: number;
  requestedAt: number;
  acr: string;
  amr: string[];
  nonce: string;
  /** `session.id_token` claims from the consent accept; kept for ID tokens after a refresh. */
  idTokenClaims: Record<string, unknown>;
  /** `session.access_token` claims: introspection `ext` and JWT access tokens. */
  accessTokenClaims: Record<string, unknown>;
  traceId: string;
}

export interface AuthorizationCodeRecord {
  signature: string;
  session: GrantSession;
  redirectUri: string;
  redirectUriSent: boolean;
  codeChallenge: string;
  codeChallengeMethod: string;
  issuedAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface AccessTokenRecord {
  signature: string;
  session: GrantSession;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface RefreshTokenRecord {
  signature: string;
  session: GrantSession;
  /** The access token issued together with this refresh token (revoked when this one is). */
  accessTokenSignature: string;
  /** With offline_access the token outlives the login session; otherwise it dies with it. */
  offline: boolean;
  issuedAt: number;
  expiresAt: number | null;
  usedAt: number | null;
  revokedAt: number | null;
}

/** Outcome of an atomic single-use consumption (RFC 6749 §4.1.2: a code is used once). */
export type Consumed<T> =
  | { status: 'consumed'; record: T }
  | { status: 'already_used'; record: T }
  | { status: 'not_found' };

export interface AuthenticationSession {
  id: string;
  subject: string;
  authenticatedAt: number;
  remember: boolean;
  expiresAt: number;
  identityProviderSessionId: string;
  /** How the user authenticated, replayed into ID tokens of remembered logins (OIDC Core §2); absent in older rows. */
  acr?: string;
  amr?: string[];
  revokedAt: number | null;
}
