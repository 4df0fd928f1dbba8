/**
 * Stop 1 of the flow tracer (docs/operations/tracing.md): the authorization request, accepted or
 * refused, with the evidence that explains a refusal: the redirect URIs registered for the client
 * next to the one sent (seed 003's trailing slash), and the scopes requested. Only reported when the
 * context has a `trace` port, so a server without tracing does no extra lookup.
 */
import type { OAuth2Context } from '../context.ts';
import type { Flow } from '../flows/flow.ts';
import type { AuthorizeRejected } from './rejection.ts';

const requestEvidence = (params: Record<string, string>): Record<string, unknown> => ({
  redirect_uri_sent: params.redirect_uri ?? null,
  requested_scopes: (params.scope ?? '').split(' ').filter(Boolean),
  response_type: params.response_type ?? null,
  code_challenge_method: params.code_challenge_method ?? null,
  prompt: params.prompt ?? null,
});

export const traceAuthorizeAccepted = (ctx: OAuth2Context, flow: Flow, params: Record<string, string>, startedAt: number, registered: readonly string[]): void => {
  ctx.trace?.({
    traceId: flow.traceId, stop: 'authorize', outcome: 'ok', startedAt, durationMs: ctx.now() - startedAt,
    clientId: flow.clientId, flowId: flow.id, challengeId: flow.loginChallenge,
    evidence: { ...requestEvidence(params), registered_redirect_uris: [...registered], login_skip: flow.loginSkip },
  });
};

/** A refusal starts a trace of its own: no flow exists yet to lend it one. */
export const traceAuthorizeRefused = async (
  ctx: OAuth2Context, params: Record<string, string>, rejection: AuthorizeRejected, startedAt: number, traceId: string,
): Promise<void> => {
  if (ctx.trace === undefined) return;
  const client = params.client_id ? await ctx.clients.get(params.client_id).catch(() => undefined) : undefined;
  ctx.trace({
    traceId, stop: 'authorize', outcome: 'refused', startedAt, durationMs: ctx.now() - startedAt,
    errorCode: rejection.error.error, clientId: params.client_id,
    evidence: {
      ...requestEvidence(params),
      client_known: client !== undefined,
      registered_redirect_uris: client?.client.redirect_uris ?? null,
      error_hint: rejection.error.hint ?? null,
      redirected_to_client: rejection.redirect !== null,
    },
  });
};
