import type { OAuth2Client } from '../clients/client.ts';
import type { Flow } from '../flows/flow.ts';

/** `oidc_context` of Hydra's login and consent requests. */
const oidcContext = (flow: Flow) => ({
  acr_values: flow.request.acrValues,
  display: flow.request.display,
  id_token_hint_claims: flow.request.idTokenHintClaims,
  login_hint: flow.request.loginHint,
  ui_locales: flow.request.uiLocales,
});

/** Hydra's `OAuth2LoginRequest` (reference/ory-api.md §1.4). */
export const loginRequestBody = (flow: Flow, client: OAuth2Client | undefined) => ({
  challenge: flow.loginChallenge,
  skip: flow.loginSkip,
  subject: flow.loginSkip ? flow.skipSubject : '',
  client: client ?? { client_id: flow.clientId },
  request_url: flow.request.requestUrl,
  requested_scope: flow.request.scope,
  requested_access_token_audience: flow.request.audience,
  session_id: flow.proposedSessionId,
  oidc_context: oidcContext(flow),
  requested_at: new Date(flow.requestedAt).toISOString(),
  expires_at: new Date(flow.expiresAt).toISOString(),
});

/** Hydra's `OAuth2ConsentRequest`. */
export const consentRequestBody = (flow: Flow, client: OAuth2Client | undefined) => ({
  challenge: flow.consentChallenge,
  consent_request_id: flow.id,
  skip: flow.consentSkip,
  subject: flow.login?.subject ?? '',
  client: client ?? { client_id: flow.clientId },
  request_url: flow.request.requestUrl,
  requested_scope: flow.request.scope,
  requested_access_token_audience: flow.request.audience,
  login_challenge: flow.loginChallenge,
  login_session_id: flow.login?.sessionId ?? '',
  acr: flow.login?.acr ?? '',
  amr: flow.login?.amr ?? [],
  context: flow.login?.context ?? {},
  oidc_context: oidcContext(flow),
  requested_at: new Date(flow.requestedAt).toISOString(),
  expires_at: new Date(flow.expiresAt).toISOString(),
});

/** Hydra's `OAuth2ConsentSession`, for the consent sessions list. */
export const consentSessionBody = (flow: Flow, client: OAuth2Client | undefined) => ({
  consent_request: consentRequestBody(flow, client),
  consent_request_id: flow.id,
  grant_scope: flow.consent?.grantScope ?? [],
  grant_access_token_audience: flow.consent?.grantAudience ?? [],
  remember: flow.consent?.remember ?? false,
  remember_for: flow.consent?.rememberFor ?? 0,
  handled_at: flow.consent ? new Date(flow.consent.handledAt).toISOString() : null,
  session: flow.consent?.session ?? { access_token: {}, id_token: {} },
  context: flow.consent?.context ?? {},
});
