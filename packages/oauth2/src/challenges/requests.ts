/**
 * The typed challenge port: what a login or consent UI reads of a pending request and what it
 * sends back. camelCase and typed; Hydra's wire JSON is translated at the HTTP edge only
 * (packages/http/src/admin/challenge-wire.ts).
 */
import type { OAuth2Client } from '../clients/client.ts';

/** The OpenID Connect parameters of the authorization request a UI may honour (OIDC Core §3.1.2.1). */
export interface OidcContext {
  acrValues: string[];
  display: string;
  idTokenHintClaims: Record<string, unknown>;
  loginHint: string;
  uiLocales: string[];
}

/** What login and consent requests both tell of the authorization request behind them. */
interface AuthorizationRequestView {
  challenge: string;
  skip: boolean;
  subject: string;
  clientId: string;
  /** The registered client, or undefined when it was deleted since the request started. */
  client: OAuth2Client | undefined;
  requestUrl: string;
  requestedScope: string[];
  requestedAudience: string[];
  oidcContext: OidcContext;
  requestedAt: number;
  expiresAt: number;
  /** The authorization's trace id: one trace from /oauth2/auth to the code. */
  traceId: string;
}

/** A login request (Hydra's OAuth2LoginRequest); `skip`: a remembered login covers it, accept it with `subject`. */
export interface LoginRequest extends AuthorizationRequestView {
  sessionId: string;
}

/** A consent request (Hydra's OAuth2ConsentRequest); `id` is the consent request id (the OAuth2 flow's). */
export interface ConsentRequest extends AuthorizationRequestView {
  id: string;
  loginChallenge: string;
  loginSessionId: string;
  acr: string;
  amr: string[];
  context: Record<string, unknown>;
}

/** What the login UI decided: who signed in and how (Hydra's AcceptOAuth2LoginRequest). */
export interface AcceptLogin {
  subject: string;
  remember?: boolean;
  /** Seconds; 0 keeps the default. */
  rememberFor?: number;
  acr?: string;
  amr?: string[];
  context?: Record<string, unknown>;
  extendSessionLifespan?: boolean;
  identityProviderSessionId?: string;
  forceSubjectIdentifier?: string;
  /**
   * The identity session of the browser that completed this login, when Olympus' own identity
   * server accepts it: the login verifier is then honoured only where that session's cookie comes
   * back too (docs/security.md AS-21). Not settable through the admin API.
   */
  completedInIdentitySession?: string;
}

/** What the consent UI granted (Hydra's AcceptOAuth2ConsentRequest). */
export interface AcceptConsent {
  grantScope: string[];
  grantAudience?: string[];
  remember?: boolean;
  rememberFor?: number;
  context?: Record<string, unknown>;
  /** Claims for the tokens; undefined replays a remembered consent's claims when consent was skipped. */
  session?: { accessToken: Record<string, unknown>; idToken: Record<string, unknown> };
  /**
   * The ID token claims the consent UI left out of `session.idToken` and why, for the flow tracer's
   * `consent_decided` stop only (docs/operations/tracing.md): never stored, never read from the wire.
   */
  idTokenClaimsOmitted?: readonly OmittedClaim[];
}

/** Why a consent UI left a claim out of the ID token. */
export type OmittedClaimReason = 'scope_not_requested' | 'scope_not_granted' | 'trait_absent' | 'not_mapped';

export interface OmittedClaim {
  claim: string;
  reason: OmittedClaimReason;
}

/** Why the UI refused (Hydra's RejectOAuth2Request); the client receives `error`. */
export interface Rejection {
  error?: string;
  errorDescription?: string;
  errorHint?: string;
  errorDebug?: string;
  statusCode?: number;
}

/** Where the browser goes next after an accept or reject. */
export interface ChallengeOutcome {
  redirectTo: string;
}
