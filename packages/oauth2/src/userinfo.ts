import type { OAuth2Context } from './context.ts';
import { InsufficientScope, InvalidToken } from './errors.ts';
import { customIdTokenClaims } from './tokens/id-token.ts';
import { accessTokenProblem, findAccessToken } from './tokens/lookup.ts';
import { isOpenId } from './tokens/scope.ts';

export const INVALID_ACCESS_TOKEN = 'The access token is invalid, expired or revoked.';

/**
 * OIDC Core §5.3: the claims of the user the access token was issued for, built from the consent's
 * `session.id_token` claims, `sub` equal to the ID token's (AS-41). RFC 6750 §3.1 errors: invalid_token
 * (401) for a bad token, insufficient_scope (403) without `openid`.
 */
export const userinfo = async (ctx: OAuth2Context, accessToken: string, requestId: string): Promise<Record<string, unknown>> => {
  const found = await findAccessToken(ctx, accessToken);
  const problem = found ? accessTokenProblem(found.record, ctx.now()) : 'The access token is unknown or malformed.';
  if (!found || problem) {
    ctx.log.info({ trace_id: requestId, request_id: requestId, error: 'invalid_token', hint: problem }, 'userinfo refused');
    throw new InvalidToken(INVALID_ACCESS_TOKEN, { hint: problem });
  }
  const { session } = found.record;
  const log = { trace_id: session.traceId || requestId, request_id: requestId, client_id: session.clientId, subject: session.subject };
  if (!isOpenId(session.scope)) {
    ctx.log.info({ ...log, error: 'insufficient_scope' }, 'userinfo refused');
    throw new InsufficientScope('The access token was not granted the openid scope.', {
      hint: 'Request the openid scope in the authorization request to call /userinfo (OIDC Core §5.3).',
    });
  }
  ctx.log.info(log, 'userinfo served');
  return { ...customIdTokenClaims(session.idTokenClaims), sub: session.subject };
};
