/**
 * One authorization request from `/oauth2/auth` to the code, as a typed state machine
 * (docs/oauth2-flow.md draws it). The login, consent challenges and verifiers all point at one flow.
 *
 *   login_pending ──accept──▶ login_accepted ──verifier at /oauth2/auth──▶ consent_pending
 *        │                                                                   │accept
 *        └─reject─▶ login_rejected (error sent to client)        consent_accepted ──verifier──▶ consent_used (code issued)
 *                                                                             └─reject─▶ consent_rejected
 */
export type FlowState =
  | 'login_pending'
  | 'login_accepted'
  | 'login_rejected'
  | 'consent_pending'
  | 'consent_accepted'
  | 'consent_rejected'
  | 'consent_used';

/** The parsed, validated authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1). */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  /** True when the client sent redirect_uri explicitly; then the token request must repeat it (RFC 6749 §4.1.3). */
  redirectUriSent: boolean;
  responseType: 'code';
  responseMode: 'query' | 'form_post';
  scope: string[];
  audience: string[];
  state: string;
  nonce: string;
  prompt: string[];
  maxAge: number | null;
  loginHint: string;
  uiLocales: string[];
  acrValues: string[];
  display: string;
  idTokenHintClaims: Record<string, unknown>;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
  requestUrl: string;
}

export interface LoginResult {
  subject: string;
  /** The authentication session (`sid`), kept across logins of the same browser. */
  sessionId: string;
  authenticatedAt: number;
  remember: boolean;
  rememberFor: number;
  acr: string;
  amr: string[];
  context: Record<string, unknown>;
  extendSessionLifespan: boolean;
  identityProviderSessionId: string;
  forceSubjectIdentifier: string;
  /**
   * The identity session whose browser completed the login, when Olympus' identity server accepted
   * it; '' otherwise (and in flows stored before it existed). See challenges/requests.ts AcceptLogin.
   */
  completedInIdentitySession?: string;
}

export interface ConsentResult {
  grantScope: string[];
  grantAudience: string[];
  remember: boolean;
  rememberFor: number;
  context: Record<string, unknown>;
  session: { access_token: Record<string, unknown>; id_token: Record<string, unknown> };
  handledAt: number;
}

/** Hydra's `RejectOAuth2Request`. */
export interface RejectRequest {
  error: string;
  error_description: string;
  error_hint: string;
  error_debug: string;
  status_code: number;
}

export interface Flow {
  id: string;
  state: FlowState;
  clientId: string;
  request: AuthorizeRequest;
  /** Binds the flow to the browser that started it (docs/security.md AS-21). */
  csrf: string;
  traceId: string;
  loginChallenge: string;
  loginVerifier: string | null;
  loginSkip: boolean;
  /** Subject of the remembered session when `loginSkip` is true. */
  skipSubject: string;
  /** Session id proposed at /oauth2/auth (an existing one, or a fresh one). */
  proposedSessionId: string;
  login: LoginResult | null;
  loginError: RejectRequest | null;
  consentChallenge: string | null;
  consentVerifier: string | null;
  consentSkip: boolean;
  consent: ConsentResult | null;
  consentError: RejectRequest | null;
  requestedAt: number;
  /** When the login request was accepted or rejected; absent while pending (and in flows stored before it existed). */
  loginHandledAt?: number;
  /** When the consent request was rejected (an accepted one keeps it in `consent.handledAt`). */
  consentRejectedAt?: number;
  expiresAt: number;
  /** Set when a consent session is revoked: its tokens die and it no longer makes consent skip. */
  revokedAt: number | null;
}
