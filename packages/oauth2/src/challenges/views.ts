/** The typed views of a flow's login and consent requests (requests.ts), read by the UIs and the admin API. */
import type { OAuth2Client } from '../clients/client.ts';
import type { Flow } from '../flows/flow.ts';
import type { ConsentRequest, LoginRequest, OidcContext } from './requests.ts';

const oidcContextOf = (flow: Flow): OidcContext => ({
  acrValues: flow.request.acrValues,
  display: flow.request.display,
  idTokenHintClaims: flow.request.idTokenHintClaims,
  loginHint: flow.request.loginHint,
  uiLocales: flow.request.uiLocales,
});

export const loginRequestOf = (flow: Flow, client: OAuth2Client | undefined): LoginRequest => ({
  challenge: flow.loginChallenge,
  skip: flow.loginSkip,
  subject: flow.loginSkip ? flow.skipSubject : '',
  clientId: flow.clientId,
  client,
  requestUrl: flow.request.requestUrl,
  requestedScope: flow.request.scope,
  requestedAudience: flow.request.audience,
  sessionId: flow.proposedSessionId,
  oidcContext: oidcContextOf(flow),
  requestedAt: flow.requestedAt,
  expiresAt: flow.expiresAt,
  traceId: flow.traceId,
});

export const consentRequestOf = (flow: Flow, client: OAuth2Client | undefined): ConsentRequest => ({
  challenge: flow.consentChallenge ?? '',
  id: flow.id,
  skip: flow.consentSkip,
  subject: flow.login?.subject ?? '',
  clientId: flow.clientId,
  client,
  requestUrl: flow.request.requestUrl,
  requestedScope: flow.request.scope,
  requestedAudience: flow.request.audience,
  loginChallenge: flow.loginChallenge,
  loginSessionId: flow.login?.sessionId ?? '',
  acr: flow.login?.acr ?? '',
  amr: flow.login?.amr ?? [],
  context: flow.login?.context ?? {},
  oidcContext: oidcContextOf(flow),
  requestedAt: flow.requestedAt,
  expiresAt: flow.expiresAt,
  traceId: flow.traceId,
});

/** A granted consent (Hydra's OAuth2ConsentSession), for the consent sessions list. */
export interface ConsentSession {
  consentRequest: ConsentRequest;
  grantScope: string[];
  grantAudience: string[];
  remember: boolean;
  rememberFor: number;
  handledAt: number | null;
  session: { accessToken: Record<string, unknown>; idToken: Record<string, unknown> };
  context: Record<string, unknown>;
}

export const consentSessionOf = (flow: Flow, client: OAuth2Client | undefined): ConsentSession => ({
  consentRequest: consentRequestOf(flow, client),
  grantScope: flow.consent?.grantScope ?? [],
  grantAudience: flow.consent?.grantAudience ?? [],
  remember: flow.consent?.remember ?? false,
  rememberFor: flow.consent?.rememberFor ?? 0,
  handledAt: flow.consent?.handledAt ?? null,
  session: { accessToken: flow.consent?.session.access_token ?? {}, idToken: flow.consent?.session.id_token ?? {} },
  context: flow.consent?.context ?? {},
});
