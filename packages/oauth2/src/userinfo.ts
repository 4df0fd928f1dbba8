import type { OAuth2Context } from './context.ts';
import { InsufficientScope, InvalidToken } from './errors.ts';
import { customIdTokenClaims } from './tokens/id-token.ts';
import { accessTokenProblem, findAccessToken, type Found } from './tokens/lookup.ts';
import type { AccessTokenRecord } from './tokens/records.ts';
import { isOpenId } from './tokens/scope.ts';
import { traceUserinfo } from './trace-userinfo.ts';

export const INVALID_ACCESS_TOKEN = 'The access token is invalid, expired or revoked.';

const claimsFor = (ctx: OAuth2Context, found: Found<AccessTokenRecord> | undefined, requestId: string): Record<string, unknown> => {
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

/**
 * OIDC Core §5.3: the claims of the user the access token was issued for, built from the consent's
 * `session.id_token` claims, `sub` equal to the ID token's (AS-41). RFC 6750 §3.1 errors: invalid_token
 * (401) for a bad token, insufficient_scope (403) without `openid`. Each answer is stop 11 of its trace.
 */
export const userinfo = async (ctx: OAuth2Context, accessToken: string, requestId: string): Promise<Record<string, unknown>> => {
  const trace = { startedAt: ctx.now(), requestId };
  const found = await findAccessToken(ctx, accessToken);
  const active = found !== undefined && accessTokenProblem(found.record, ctx.now()) === undefined;
  try {
    const claims = claimsFor(ctx, found, requestId);
    traceUserinfo(ctx, trace, { tokenPresent: true, found, active, claims });
    return claims;
  } catch (err) {
    traceUserinfo(ctx, trace, { tokenPresent: true, found, active, error: err });
    throw err;
  }
};

/** A userinfo request refused before a token could be read (none sent, or sent where it is not accepted). */
export const traceUserinfoUnread = (ctx: OAuth2Context, requestId: string, tokenPresent: boolean, err: unknown): void =>
  traceUserinfo(ctx, { startedAt: ctx.now(), requestId }, { tokenPresent, error: err });
