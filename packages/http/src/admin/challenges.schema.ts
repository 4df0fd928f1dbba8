/**
 * Route schemas of Hydra's login, consent and logout request API and its consent and login sessions
 * (docs/compatibility.md §1.2, §1.4, §1.5; wire shapes in challenge-wire.ts). Accept and reject bodies
 * say types only; wire-readers.ts keeps its own refusals.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { bodyOf, empty, errorResponses, optStr, queryOf, str } from '../openapi/kit.ts';

const maybe = (schema: TSchema) => Type.Optional(Type.Union([schema, Type.Null()]));
const strs = Type.Array(Type.String());
const Client = Type.Object({ client_id: Type.String() }, { description: 'The OAuth2 client (OAuth2Client)' });
const OidcContext = Type.Object({}, { description: 'acr_values, display, id_token_hint_claims, login_hint, ui_locales' });

export const LoginRequest = Type.Object({
  challenge: str(), skip: Type.Boolean(), subject: Type.String(), client: Client, request_url: Type.String(),
  requested_scope: strs, requested_access_token_audience: strs, session_id: Type.Optional(Type.String()), oidc_context: OidcContext,
  requested_at: Type.String(), expires_at: Type.String(),
}, { description: "Hydra's OAuth2LoginRequest" });

export const ConsentRequest = Type.Object({
  challenge: str(), consent_request_id: Type.String(), skip: Type.Boolean(), subject: Type.String(), client: Client, request_url: Type.String(),
  requested_scope: strs, requested_access_token_audience: strs, login_challenge: optStr(), login_session_id: optStr(),
  acr: optStr(), amr: Type.Optional(strs), context: Type.Optional(Type.Unknown()), oidc_context: OidcContext, requested_at: Type.String(), expires_at: Type.String(),
}, { description: "Hydra's OAuth2ConsentRequest" });

export const LogoutRequest = Type.Object({
  challenge: str(), subject: optStr(), sid: optStr(), request_url: Type.String(), rp_initiated: Type.Boolean(),
  client: Type.Union([Client, Type.Null()]), requested_at: Type.String(), expires_at: Type.String(),
}, { description: "Hydra's OAuth2LogoutRequest" });

const ConsentSession = Type.Object({
  consent_request: ConsentRequest, consent_request_id: Type.String(), grant_scope: strs, grant_access_token_audience: strs,
  remember: Type.Boolean(), remember_for: Type.Integer(), handled_at: Type.Union([Type.String(), Type.Null()]),
  session: Type.Object({ access_token: Type.Optional(Type.Unknown()), id_token: Type.Optional(Type.Unknown()) }), context: Type.Optional(Type.Unknown()),
}, { description: "Hydra's OAuth2ConsentSession" });

const AcceptLogin = Type.Object({
  subject: maybe(Type.String()), remember: maybe(Type.Boolean()), remember_for: maybe(Type.Integer({ minimum: 0 })), acr: maybe(Type.String()),
  amr: maybe(strs), context: maybe(Type.Object({})), extend_session_lifespan: maybe(Type.Boolean()),
  identity_provider_session_id: maybe(Type.String()), force_subject_identifier: maybe(Type.String()),
}, { description: "Hydra's AcceptOAuth2LoginRequest" });

const AcceptConsent = Type.Object({
  grant_scope: maybe(strs), grant_access_token_audience: maybe(strs), remember: maybe(Type.Boolean()), remember_for: maybe(Type.Integer({ minimum: 0 })),
  context: maybe(Type.Object({})),
  session: Type.Optional(Type.Object({ access_token: maybe(Type.Object({})), id_token: maybe(Type.Object({})) }, { description: 'Claims for the access token (ext) and the ID token' })),
}, { description: "Hydra's AcceptOAuth2ConsentRequest" });

const Reject = Type.Object({
  error: maybe(Type.String()), error_description: maybe(Type.String()), error_hint: maybe(Type.String()), error_debug: maybe(Type.String()),
  status_code: Type.Optional(Type.Unknown({ description: 'HTTP status for the client' })),
}, { description: "Hydra's RejectOAuth2Request" });

const Redirect = Type.Object({ redirect_to: Type.String() }, { description: 'Where to send the browser next' });
/** Hydra's 410 for a request handled before carries where it stands and the request itself. */
const errors = errorResponses('oauth2');
const tags = ['oauth2-flows'];
const login = queryOf({ login_challenge: 'The challenge from the login UI URL', challenge: 'Same, under its short name' });
const consent = queryOf({ consent_challenge: 'The challenge from the consent UI URL', challenge: 'Same, under its short name' });
const logout = queryOf({ logout_challenge: 'The challenge from the logout UI URL', challenge: 'Same, under its short name' });

export const challengeSchemas = {
  getLogin: { tags, operationId: 'getOAuth2LoginRequest', summary: 'Get a login request', querystring: login, response: { 200: LoginRequest, ...errors } },
  acceptLogin: { tags, operationId: 'acceptOAuth2LoginRequest', summary: 'Accept a login request', querystring: login, body: bodyOf(AcceptLogin), response: { 200: Redirect, ...errors } },
  rejectLogin: { tags, operationId: 'rejectOAuth2LoginRequest', summary: 'Reject a login request', querystring: login, body: bodyOf(Reject), response: { 200: Redirect, ...errors } },
  getConsent: { tags, operationId: 'getOAuth2ConsentRequest', summary: 'Get a consent request', querystring: consent, response: { 200: ConsentRequest, ...errors } },
  acceptConsent: { tags, operationId: 'acceptOAuth2ConsentRequest', summary: 'Accept a consent request', querystring: consent, body: bodyOf(AcceptConsent), response: { 200: Redirect, ...errors } },
  rejectConsent: { tags, operationId: 'rejectOAuth2ConsentRequest', summary: 'Reject a consent request', querystring: consent, body: bodyOf(Reject), response: { 200: Redirect, ...errors } },
  getLogout: { tags, operationId: 'getOAuth2LogoutRequest', summary: 'Get a logout request', querystring: logout, response: { 200: LogoutRequest, ...errors } },
  acceptLogout: { tags, operationId: 'acceptOAuth2LogoutRequest', summary: 'Accept a logout request', querystring: logout, response: { 200: Redirect, ...errors } },
  rejectLogout: { tags, operationId: 'rejectOAuth2LogoutRequest', summary: 'Reject a logout request', querystring: logout, response: { 204: empty('Rejected'), ...errors } },
  listConsentSessions: { tags, operationId: 'listOAuth2ConsentSessions', summary: "A subject's granted consents (keyset pages, Link header)",
    querystring: queryOf({ subject: 'The subject', login_session_id: 'Only those of this login session', page_size: 'Items per page', page_token: 'From the Link header' }),
    response: { 200: Type.Array(ConsentSession, { description: 'A page of consent sessions' }), ...errors } },
  revokeConsentSessions: { tags, operationId: 'revokeOAuth2ConsentSessions', summary: 'Revoke consents and the tokens issued under them',
    querystring: queryOf({ subject: 'The subject', client: 'Only this client', consent_request_id: 'Only this consent', all: 'true: every client' }),
    response: { 204: empty('Revoked'), ...errors } },
  revokeLoginSessions: { tags, operationId: 'revokeOAuth2LoginSessions', summary: 'End remembered logins (back-channel logout)',
    querystring: queryOf({ subject: 'Every login session of this subject', sid: 'One login session' }), response: { 204: empty('Ended'), ...errors } },
  deleteTokens: { tags, operationId: 'deleteOAuth2Token', summary: 'Revoke every access token of a client',
    querystring: queryOf({ client_id: 'The client' }), response: { 204: empty('Revoked'), ...errors } },
  pending: { tags, operationId: 'listPendingOAuth2Requests', summary: 'Olympus extension: login and consent requests waiting for a UI',
    querystring: queryOf({ kind: 'login or consent', page_size: 'Items per page', page_token: 'From the Link header' }),
    response: { 200: Type.Array(Type.Object({
      kind: Type.String(), challenge: Type.String(), client: Type.Object({ client_id: Type.String(), client_name: Type.String() }), subject: optStr(),
      requested_scope: strs, requested_at: Type.String(), expires_at: Type.String(), trace_id: Type.String(),
    }), { description: 'Waiting requests, newest first' }), ...errors } },
};
