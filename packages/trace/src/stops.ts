/**
 * The flow tracer's fixed stop taxonomy (docs/operations/tracing.md): the eight stops of a browser
 * login, from the app's redirect to the code, then what the app does with it. The number orders a
 * chain; the name is what an event stores, so a name is never renamed or reused. `satisfies` keeps
 * every stop described.
 */
export const TRACE_STOPS = {
  authorize: { number: 1, description: 'The authorization request at /oauth2/auth: accepted (a login request is created) or refused with its error.' },
  login_request: { number: 2, description: 'The login request handed to the login UI: skipped, a session reused, or the form shown.' },
  login_flow_created: { number: 3, description: 'The identity server created a login flow for the login request.' },
  login_submitted: { number: 4, description: 'The login form was submitted: signed in, or refused and why.' },
  login_accepted: { number: 5, description: 'The login request was accepted or rejected.' },
  consent_shown: { number: 6, description: 'Consent was shown, or skipped and why.' },
  consent_decided: { number: 7, description: 'Consent was accepted or denied.' },
  code_issued: { number: 8, description: 'The authorization code was issued to the client.' },
  token_exchange: { number: 9, description: 'The token endpoint answered a grant other than refresh (the code exchange, client credentials).' },
  refresh: { number: 10, description: 'A refresh token was exchanged.' },
  userinfo: { number: 11, description: 'The userinfo endpoint answered.' },
  logout: { number: 12, description: 'A logout request was handled.' },
  whoami: { number: 13, description: 'The identity server refused a session check (/sessions/whoami), e.g. its AAL is below the one required.' },
} as const satisfies Record<string, { number: number; description: string }>;

export type TraceStop = keyof typeof TRACE_STOPS;

export const isTraceStop = (value: string): value is TraceStop => Object.hasOwn(TRACE_STOPS, value);
