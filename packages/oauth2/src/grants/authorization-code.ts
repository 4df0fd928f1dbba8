import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { InvalidRequest } from '../errors.ts';
import { issueTokens } from '../tokens/issue.ts';
import { tokenSignatures } from '../tokens/opaque.ts';
import type { AuthorizationCodeRecord } from '../tokens/records.ts';
import { isOffline, isOpenId } from '../tokens/scope.ts';
import { effectiveGrantTypes } from './grant-types.ts';
import { inFlow, invalidGrant, type GrantHandler, type GrantSeen } from './grant.ts';
import { checkPkce } from './pkce.ts';

/**
 * Marks the code used, atomically (AS-12). A replay revokes everything the code issued
 * (RFC 6749 §4.1.2: the server "SHOULD revoke (when possible) all tokens previously issued"; AS-11).
 */
const consumeCode = async (ctx: OAuth2Context, code: string | undefined, seen: GrantSeen): Promise<AuthorizationCodeRecord> => {
  if (!code) throw new InvalidRequest('The request is missing the code parameter.');
  seen.code = { status: 'not_found' };
  for (const signature of tokenSignatures('code', code, ctx.hasher)) {
    const outcome = await ctx.storage.tokens.consumeAuthorizationCode(signature, ctx.now());
    if (outcome.status === 'not_found') continue;
    seen.code = outcome;
    if (outcome.status === 'already_used') {
      const { session } = outcome.record;
      await ctx.storage.tokens.revokeGrant(session.grantId, ctx.now());
      ctx.log.warn(
        { trace_id: session.traceId, client_id: session.clientId, grant_id: session.grantId },
        'authorization code replayed: grant revoked',
      );
      return inFlow(session.traceId, () => {
        throw invalidGrant('The authorization code was already used; the tokens issued with it have been revoked.');
      });
    }
    return outcome.record;
  }
  throw invalidGrant('The authorization code is unknown, malformed, or was issued by another server.');
};

/** RFC 6749 §4.1.3: the code is bound to its client and lifetime (AS-13). */
const checkCode = (code: AuthorizationCodeRecord, client: OAuth2Client, now: number): void => {
  if (code.expiresAt <= now) throw invalidGrant('The authorization code has expired.');
  if (code.session.clientId !== client.client_id) throw invalidGrant('The authorization code was issued to another client.');
};

/** RFC 6749 §4.1.3: redirect_uri is REQUIRED if it was in the authorization request, "and their values MUST be identical". */
const checkRedirectUri = (code: AuthorizationCodeRecord, sent: string | undefined): void => {
  if (sent === undefined) {
    if (!code.redirectUriSent) return;
    throw invalidGrant('The redirect_uri is missing: the authorization request sent one, so the token request must repeat it (RFC 6749 §4.1.3).');
  }
  if (sent !== code.redirectUri) {
    throw invalidGrant(`The redirect URI differs from the one in the authorization request: expected "${code.redirectUri}", got "${sent}".`);
  }
};

const redeem = async (ctx: OAuth2Context, code: AuthorizationCodeRecord, client: OAuth2Client, params: Record<string, string>) => {
  checkCode(code, client, ctx.now());
  checkRedirectUri(code, params.redirect_uri);
  checkPkce(code, params.code_verifier);
  const { session } = code;
  const { response } = await issueTokens(ctx, {
    grant: 'authorization_code',
    client,
    session,
    refresh: effectiveGrantTypes(client).includes('refresh_token') ? { session, offline: isOffline(session.scope) } : undefined,
    idToken: isOpenId(session.scope) ? { nonce: session.nonce } : undefined,
  });
  return { response, session };
};

/** The authorization code grant (RFC 6749 §4.1.3, RFC 7636 §4.6, OIDC Core §3.1.3). */
export const authorizationCodeGrant: GrantHandler = {
  async handle(ctx, { params, client, seen = {} }) {
    const code = await consumeCode(ctx, params.code, seen);
    return inFlow(code.session.traceId, () => redeem(ctx, code, client, params));
  },
};
