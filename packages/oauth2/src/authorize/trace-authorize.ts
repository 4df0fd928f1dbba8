/**
 * Stop 1 of the flow tracer (docs/operations/tracing.md): the authorization request, accepted or
 * refused, with the evidence that explains a refusal: the redirect URIs registered for the client
 * next to the one sent (seed 003's trailing slash), the response and grant types registered, whether
 * a PKCE challenge came, and the scopes requested. Only reported when the context has a `trace` port,
 * so a server without tracing does no extra lookup.
 */
import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import type { Flow } from '../flows/flow.ts';
import type { AuthorizeRejected } from './rejection.ts';

/** What the trace of an authorization request knows besides its parameters. */
export interface AuthorizeTrace {
  startedAt: number;
  /** The HTTP request's id (`X-Request-Id`). */
  requestId?: string;
}

/**
 * `pkce_required`: Olympus refuses every authorization request without an S256 challenge, public or
 * confidential client (check-pkce.ts, docs/security.md AS-8), so a request without one is refused.
 */
const requestEvidence = (params: Record<string, string>, client: OAuth2Client | undefined): Record<string, unknown> => ({
  redirect_uri_sent: params.redirect_uri ?? null,
  requested_scopes: (params.scope ?? '').split(' ').filter(Boolean),
  response_type: params.response_type ?? null,
  code_challenge_method: params.code_challenge_method ?? null,
  code_challenge_present: Boolean(params.code_challenge),
  pkce_required: true,
  prompt: params.prompt ?? null,
  registered_redirect_uris: client === undefined ? null : [...client.redirect_uris],
  registered_response_types: client === undefined ? null : [...client.response_types],
  registered_grant_types: client === undefined ? null : [...client.grant_types],
});

export const traceAuthorizeAccepted = (ctx: OAuth2Context, flow: Flow, params: Record<string, string>, t: AuthorizeTrace, client: OAuth2Client): void => {
  ctx.trace?.({
    traceId: flow.traceId, stop: 'authorize', outcome: 'ok', startedAt: t.startedAt, durationMs: ctx.now() - t.startedAt,
    requestId: t.requestId, clientId: flow.clientId, flowId: flow.id, challengeId: flow.loginChallenge,
    evidence: { ...requestEvidence(params, client), login_skip: flow.loginSkip },
  });
};

/** A refusal starts a trace of its own: no flow exists yet to lend it one. */
export const traceAuthorizeRefused = async (
  ctx: OAuth2Context, params: Record<string, string>, rejection: AuthorizeRejected, t: AuthorizeTrace, traceId: string,
): Promise<void> => {
  if (ctx.trace === undefined) return;
  const client = params.client_id ? (await ctx.clients.get(params.client_id).catch(() => undefined))?.client : undefined;
  ctx.trace({
    traceId, stop: 'authorize', outcome: 'refused', startedAt: t.startedAt, durationMs: ctx.now() - t.startedAt,
    errorCode: rejection.error.error, requestId: t.requestId, clientId: params.client_id,
    evidence: {
      ...requestEvidence(params, client),
      client_known: client !== undefined,
      error_hint: rejection.error.hint ?? null,
      redirected_to_client: rejection.redirect !== null,
    },
  });
};
