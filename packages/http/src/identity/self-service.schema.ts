/** Route schemas of Kratos' public self-service API (docs/compatibility.md §2.1). */
import { Type } from '@sinclair/typebox';
import { empty, errorResponses, object, optStr, pathOf, queryOf, redirect } from '../openapi/kit.ts';
import { Flow, Identity, Session, flowResponses, kratosErrors, submissionBody } from './kratos.schema.ts';

type Kind = 'login' | 'registration' | 'settings' | 'recovery' | 'verification';
const cap = (kind: Kind) => kind[0]!.toUpperCase() + kind.slice(1);
const CREATE_QUERY: Record<Kind, Record<string, string>> = {
  login: { refresh: 'true: sign in again', aal: 'aal1 or aal2', return_to: 'Where to go after', login_challenge: "Hydra's login challenge", return_session_token_exchange_code: 'api: true for the session-token exchange', via: 'Identifier trait' },
  registration: { return_to: 'Where to go after', login_challenge: "Hydra's login challenge", return_session_token_exchange_code: 'api: true for the session-token exchange' },
  settings: { return_to: 'Where to go after' },
  recovery: { return_to: 'Where to go after' },
  verification: { return_to: 'Where to go after' },
};

const Continued = object({
  session: Type.Optional(Session), session_token: optStr('Native flows'), identity: Type.Optional(Identity),
  continue_with: Type.Optional(Type.Array(Type.Object({}))),
}, 'Signed in or registered (native flows get the session token once)');

export const flowSchemas = (kind: Kind) => {
  const tags = ['frontend'];
  const success = kind === 'login' || kind === 'registration' ? Continued : Flow;
  return {
    browser: { tags, operationId: `createBrowser${cap(kind)}Flow`, summary: `Start a browser ${kind} flow`, querystring: queryOf(CREATE_QUERY[kind]), response: flowResponses(Flow) },
    api: { tags, operationId: `createNative${cap(kind)}Flow`, summary: `Start a native ${kind} flow`, querystring: queryOf(CREATE_QUERY[kind]),
      response: { 200: { ...Flow, description: 'The flow (with session_token_exchange_code when asked for)' }, ...kratosErrors } },
    get: { tags, operationId: `get${cap(kind)}Flow`, summary: `Get a ${kind} flow`, querystring: queryOf({ id: 'The flow id' }), response: { 200: Flow, ...kratosErrors } },
    submit: { tags, operationId: `update${cap(kind)}Flow`, summary: `Submit a ${kind} flow`, querystring: queryOf({ flow: 'The flow id' }), body: submissionBody, response: flowResponses(success) },
  };
};

const tags = ['frontend'];
export const frontendSchemas = {
  whoami: { tags, operationId: 'toSession', summary: 'The session of the cookie, X-Session-Token or Bearer token', response: { 200: Session, ...kratosErrors } },
  listMySessions: { tags, operationId: 'listMySessions', summary: "The caller's other sessions", querystring: queryOf({ page_size: 'Items per page' }),
    response: { 200: Type.Array(Session, { description: 'Other sessions' }), ...errorResponses('either') } },
  revokeOtherSessions: { tags, operationId: 'disableMyOtherSessions', summary: "End the caller's other sessions",
    response: { 200: Type.Object({ count: Type.Integer() }, { description: 'How many ended' }), ...kratosErrors } },
  revokeMySession: { tags, operationId: 'disableMySession', summary: 'End one of the caller\'s other sessions', params: pathOf({ id: 'Session id' }),
    response: { 204: empty('Ended'), ...kratosErrors } },
  tokenExchange: { tags, operationId: 'exchangeSessionToken', summary: "Native social sign-in: the session for the exchange's code pair",
    querystring: queryOf({ init_code: 'From the flow', return_to_code: 'From return_to?code=' }),
    response: { 200: Type.Object({ session: Session, session_token: Type.String() }, { description: 'The session and its token, once' }), ...kratosErrors } },
  flowError: { tags, operationId: 'getFlowError', summary: 'The error a browser was sent to the error UI with', querystring: queryOf({ id: 'The error id' }),
    response: { 200: object({ id: Type.String(), error: Type.Unknown(), created_at: optStr() }, 'The flow error'), ...kratosErrors } },
  logoutUrl: { tags, operationId: 'createBrowserLogoutFlow', summary: 'A logout URL for this browser session', querystring: queryOf({ return_to: 'Where to go after' }),
    response: { 200: Type.Object({ logout_url: Type.String(), logout_token: Type.String() }, { description: 'The logout URL and token' }), ...kratosErrors } },
  logout: { tags, operationId: 'updateLogoutFlow', summary: 'End the browser session', querystring: queryOf({ token: 'The logout token', return_to: 'Where to go after' }),
    response: { 204: empty('Ended (JSON clients)'), 303: redirect('Ended; to return_to'), ...kratosErrors } },
  nativeLogout: { tags, operationId: 'performNativeLogout', summary: 'End a native session', body: { content: { 'application/json': { schema: Type.Object({ session_token: Type.Unknown({ description: 'The session token' }) }) } } },
    response: { 204: empty('Ended'), ...kratosErrors } },
  schemas: { tags, operationId: 'listIdentitySchemas', summary: 'The identity schemas',
    response: { 200: Type.Array(Type.Object({ id: Type.String(), schema: Type.Unknown() }), { description: 'Every schema' }), ...kratosErrors } },
  schema: { tags, operationId: 'getIdentitySchema', summary: 'One identity schema (id or its base64url form)', params: pathOf({ id: 'Schema id' }),
    response: { 200: Type.Object({}, { description: 'The JSON Schema document' }), ...kratosErrors } },
  oidcCallback: (method: 'GET' | 'POST') => ({ tags, operationId: method === 'GET' ? 'oidcCallback' : 'oidcCallbackFormPost',
    summary: method === 'GET' ? 'Social sign-in: the provider returns the browser here' : 'A form_post provider (Apple): answered with a 303 to the GET',
    params: pathOf({ provider: 'The provider id' }),
    ...(method === 'GET' ? { querystring: queryOf({ code: 'Authorization code', state: 'State', error: 'Provider error', error_description: 'Provider error' }) } : {}),
    response: { 303: redirect(), ...kratosErrors } }),
};
