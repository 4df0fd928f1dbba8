import { authenticateClient } from '../client-auth/authenticate.ts';
import { endpointsOf } from '../endpoints.ts';
import type { OAuth2Context } from '../context.ts';
import { OAuth2Error } from '../errors.ts';
import type { TokenResponse } from '../tokens/issue.ts';
import { checkClientMayUse, checkGrantType } from './grant-types.ts';
import { GRANT_HANDLERS } from './grants.ts';
import { traceTokenIssued, traceTokenRefused, type TokenTrace } from './trace-token.ts';

export interface TokenEndpointInput {
  /** The parsed application/x-www-form-urlencoded body. */
  params: Record<string, string>;
  /** The Authorization header, for client_secret_basic. */
  authorization: string | undefined;
  /** The HTTP request's id. */
  requestId: string;
}

/**
 * The token endpoint (RFC 6749 §3.2): check the grant type, authenticate the client, check the client
 * may use the grant, run the grant. Logs one line per decision, never a token or secret.
 */
export const handleTokenRequest = async (ctx: OAuth2Context, input: TokenEndpointInput): Promise<TokenResponse> => {
  const { params, requestId } = input;
  const grantType = params.grant_type;
  const auth = { authorization: input.authorization, body: params, endpointUrl: endpointsOf(ctx.config).token };
  const trace: TokenTrace = { startedAt: ctx.now(), requestId, grantType, auth, seen: {} };
  try {
    const grant = checkGrantType(grantType);
    const client = await authenticateClient(ctx, auth);
    checkClientMayUse(client, grant);
    const { response, session } = await GRANT_HANDLERS[grant].handle(ctx, { params, client, requestId, seen: trace.seen });
    ctx.log.info(
      {
        trace_id: session.traceId || requestId, request_id: requestId, client_id: client.client_id, grant_type: grant,
        grant_id: session.grantId, flow_id: session.flowId || undefined, subject: session.subject, scope: response.scope,
        refresh_token: response.refresh_token !== undefined, id_token: response.id_token !== undefined,
      },
      'token issued',
    );
    ctx.metrics?.tokenIssued(grant);
    traceTokenIssued(ctx, trace, client, session, response);
    return response;
  } catch (err) {
    if (err instanceof OAuth2Error) {
      ctx.log.info(
        { trace_id: err.traceId ?? requestId, request_id: requestId, client_id: params.client_id, grant_type: grantType, error: err.error, hint: err.hint },
        'token request refused',
      );
      await traceTokenRefused(ctx, trace, err);
    }
    throw err;
  }
};
