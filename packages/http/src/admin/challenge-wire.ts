/**
 * Hydra's wire JSON for login, consent and logout requests (docs/compatibility.md §1), to and from
 * the typed challenge port of @olympus/oauth2. The only place that speaks it.
 */
import type {
  AcceptConsent, AcceptLogin, ConsentRequest, ConsentSession, LoginRequest, LogoutRequestView, OidcContext, Rejection,
} from '@olympus/oauth2';
import { asObject, optBool, optSeconds, optString, optStrings } from './wire-readers.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

const oidcContextWire = (c: OidcContext) => ({
  acr_values: c.acrValues,
  display: c.display,
  id_token_hint_claims: c.idTokenHintClaims,
  login_hint: c.loginHint,
  ui_locales: c.uiLocales,
});

/** Hydra's `OAuth2LoginRequest`. */
export const loginRequestWire = (r: LoginRequest) => ({
  challenge: r.challenge,
  skip: r.skip,
  subject: r.subject,
  client: r.client ?? { client_id: r.clientId },
  request_url: r.requestUrl,
  requested_scope: r.requestedScope,
  requested_access_token_audience: r.requestedAudience,
  session_id: r.sessionId,
  oidc_context: oidcContextWire(r.oidcContext),
  requested_at: iso(r.requestedAt),
  expires_at: iso(r.expiresAt),
});

/** Hydra's `OAuth2ConsentRequest`. */
export const consentRequestWire = (r: ConsentRequest) => ({
  challenge: r.challenge,
  consent_request_id: r.id,
  skip: r.skip,
  subject: r.subject,
  client: r.client ?? { client_id: r.clientId },
  request_url: r.requestUrl,
  requested_scope: r.requestedScope,
  requested_access_token_audience: r.requestedAudience,
  login_challenge: r.loginChallenge,
  login_session_id: r.loginSessionId,
  acr: r.acr,
  amr: r.amr,
  context: r.context,
  oidc_context: oidcContextWire(r.oidcContext),
  requested_at: iso(r.requestedAt),
  expires_at: iso(r.expiresAt),
});

/** Hydra's `OAuth2ConsentSession`, for the consent sessions list. */
export const consentSessionWire = (s: ConsentSession) => ({
  consent_request: consentRequestWire(s.consentRequest),
  consent_request_id: s.consentRequest.id,
  grant_scope: s.grantScope,
  grant_access_token_audience: s.grantAudience,
  remember: s.remember,
  remember_for: s.rememberFor,
  handled_at: s.handledAt === null ? null : iso(s.handledAt),
  session: { access_token: s.session.accessToken, id_token: s.session.idToken },
  context: s.context,
});

/** Hydra's `OAuth2LogoutRequest`. */
export const logoutRequestWire = (r: LogoutRequestView) => ({
  challenge: r.challenge,
  subject: r.subject,
  sid: r.sid,
  request_url: r.requestUrl,
  rp_initiated: r.rpInitiated,
  client: r.client ?? null,
  requested_at: iso(r.requestedAt),
  expires_at: iso(r.expiresAt),
});

/** Hydra's `AcceptOAuth2LoginRequest`; the identity-session binding is never taken from the wire. */
export const acceptLoginOf = (raw: unknown): AcceptLogin => {
  const body = asObject(raw);
  return {
    subject: optString(body, 'subject'),
    remember: optBool(body, 'remember'),
    rememberFor: optSeconds(body, 'remember_for'),
    acr: optString(body, 'acr'),
    amr: optStrings(body, 'amr'),
    context: asObject(body.context, 'context'),
    extendSessionLifespan: optBool(body, 'extend_session_lifespan'),
    identityProviderSessionId: optString(body, 'identity_provider_session_id'),
    forceSubjectIdentifier: optString(body, 'force_subject_identifier'),
  };
};

/** Hydra's `AcceptOAuth2ConsentRequest`: without `session`, a skipped consent replays the remembered claims. */
export const acceptConsentOf = (raw: unknown): AcceptConsent => {
  const body = asObject(raw);
  const session = body.session === undefined ? undefined : asObject(body.session, 'session');
  return {
    grantScope: optStrings(body, 'grant_scope'),
    grantAudience: optStrings(body, 'grant_access_token_audience'),
    remember: optBool(body, 'remember'),
    rememberFor: optSeconds(body, 'remember_for'),
    context: asObject(body.context, 'context'),
    session: session && {
      accessToken: asObject(session.access_token, 'session.access_token'),
      idToken: asObject(session.id_token, 'session.id_token'),
    },
  };
};

/** Hydra's `RejectOAuth2Request`. */
export const rejectionOfWire = (raw: unknown): Rejection => {
  const body = asObject(raw);
  const status = body.status_code;
  return {
    error: optString(body, 'error'),
    errorDescription: optString(body, 'error_description'),
    errorHint: optString(body, 'error_hint'),
    errorDebug: optString(body, 'error_debug'),
    statusCode: typeof status === 'number' ? status : undefined,
  };
};
