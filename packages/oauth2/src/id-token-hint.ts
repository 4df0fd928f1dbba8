import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { KEY_SETS, type OAuth2Context } from './context.ts';

/**
 * Verifies an ID token Olympus issued, used as `id_token_hint` (OIDC Core §3.1.2.1; RP-Initiated
 * Logout §2). Expiry is ignored on purpose: a hint is typically an old ID token. Returns undefined
 * when the signature, issuer or format is wrong.
 */
export const verifyIdTokenHint = async (ctx: OAuth2Context, token: string): Promise<JWTPayload | undefined> => {
  try {
    const keys = await ctx.keys.verificationKeys(KEY_SETS.idToken);
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys }), {
      issuer: ctx.config.urls.issuer,
      clockTolerance: 100 * 365 * 24 * 3600,
    });
    return typeof payload.sub === 'string' ? payload : undefined;
  } catch {
    return undefined;
  }
};
