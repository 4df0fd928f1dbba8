/**
 * The token endpoint's stop of the flow tracer (docs/operations/tracing.md): `refresh` for the
 * refresh grant, `token_exchange` for every other grant, accepted or refused, with the grant type and
 * the client authentication method registered next to the one the request used (seed 003's
 * `client_secret_basic` vs `client_secret_post`). Reporting is one call into the `trace` port; only a
 * refusal costs a client lookup, and only with tracing on.
 */
import type { OAuth2Client } from '../clients/client.ts';
import { detectAuthMethod } from '../client-auth/authenticate.ts';
import type { ClientAuthRequest } from '../client-auth/method.ts';
import { CLIENT_AUTH_METHODS } from '../client-auth/methods.ts';
import type { OAuth2Context, TraceStopName } from '../context.ts';
import type { OAuth2Error } from '../errors.ts';
import type { TokenResponse } from '../tokens/issue.ts';
import type { GrantSession } from '../tokens/records.ts';
import type { GrantSeen } from './grant.ts';
import { codeFacts, idTokenClaimNames, refreshFacts, registeredGrantTypes } from './trace-grant-facts.ts';

const stopOf = (grantType: string | undefined): TraceStopName => (grantType === 'refresh_token' ? 'refresh' : 'token_exchange');

/** The one method the request used and the client id it named, or what made them unreadable. */
const attempted = (req: ClientAuthRequest): { method: string | null; clientId: string | undefined } => {
  try {
    const method = detectAuthMethod(req);
    return { method, clientId: CLIENT_AUTH_METHODS[method].read(req).clientId };
  } catch {
    return { method: null, clientId: req.body.client_id };
  }
};

export interface TokenTrace {
  startedAt: number;
  requestId: string;
  grantType: string | undefined;
  auth: ClientAuthRequest;
  /** What the grant found of its code or refresh token (grant.ts). */
  seen: GrantSeen;
}

/**
 * A client credentials token belongs to no login: it is no stop of a trace, and recording every one
 * would put a database write behind the busiest machine-to-machine path (bench/README.md). Its
 * refusals are recorded, since those are what a developer traces.
 */
const isMachineGrant = (grantType: string | undefined): boolean => grantType === 'client_credentials';

/** A code exchanged: its PKCE (all held, or it would have been refused), the client's grant types and the ID token's claim names. */
const codeExchanged = (t: TokenTrace, client: OAuth2Client, session: GrantSession, response: TokenResponse): Record<string, unknown> => ({
  registered_grant_types: registeredGrantTypes(client),
  pkce: (codeFacts(t.seen, client.client_id, t.auth.body, t.startedAt).pkce as Record<string, unknown> | undefined) ?? null,
  id_token_claims: response.id_token === undefined ? [] : idTokenClaimNames(session.idTokenClaims),
});

export const traceTokenIssued = (ctx: OAuth2Context, t: TokenTrace, client: OAuth2Client, session: GrantSession, response: TokenResponse): void => {
  if (ctx.trace === undefined || isMachineGrant(t.grantType)) return;
  ctx.trace({
    traceId: session.traceId || t.requestId, stop: stopOf(t.grantType), outcome: 'ok', startedAt: t.startedAt, durationMs: ctx.now() - t.startedAt,
    requestId: t.requestId, clientId: client.client_id, identityId: session.subject || undefined, flowId: session.flowId || undefined,
    evidence: {
      grant_type: t.grantType ?? null,
      registered_auth_method: client.token_endpoint_auth_method || 'client_secret_basic',
      attempted_auth_method: attempted(t.auth).method,
      granted_scopes: (response.scope ?? '').split(' ').filter(Boolean),
      refresh_token_issued: response.refresh_token !== undefined,
      id_token_issued: response.id_token !== undefined,
      ...(t.grantType === 'authorization_code' ? codeExchanged(t, client, session, response) : {}),
    },
  });
};

export const traceTokenRefused = async (ctx: OAuth2Context, t: TokenTrace, err: OAuth2Error): Promise<void> => {
  if (ctx.trace === undefined) return;
  const { method, clientId } = attempted(t.auth);
  const client = clientId ? (await ctx.clients.get(clientId).catch(() => undefined))?.client : undefined;
  ctx.trace({
    traceId: err.traceId ?? t.requestId, stop: stopOf(t.grantType), outcome: 'refused', startedAt: t.startedAt, durationMs: ctx.now() - t.startedAt,
    errorCode: err.error, requestId: t.requestId, clientId,
    evidence: {
      grant_type: t.grantType ?? null,
      client_known: client !== undefined,
      registered_auth_method: client === undefined ? null : client.token_endpoint_auth_method || 'client_secret_basic',
      attempted_auth_method: method,
      error_hint: err.hint ?? null,
      ...(t.grantType === 'refresh_token' ? refreshFacts(t.seen, ctx.now()) : {
        registered_grant_types: registeredGrantTypes(client),
        ...codeFacts(t.seen, clientId, t.auth.body, ctx.now()),
      }),
    },
  });
};
