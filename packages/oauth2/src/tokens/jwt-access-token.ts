import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { KEY_SETS, type OAuth2Context } from '../context.ts';
import type { GrantSession } from './records.ts';
import { toSeconds } from './time.ts';

/**
 * A JWT access token (RFC 9068): `typ: at+jwt`, signed with the access-token key set, carrying
 * the grant's scope as `scp` and the consent's `session.access_token` claims as `ext` (Hydra's shape).
 */
export const signJwtAccessToken = async (
  ctx: Pick<OAuth2Context, 'config' | 'keys'>,
  session: GrantSession,
  issuedAt: number,
  expiresAt: number,
): Promise<string> => {
  const key = await ctx.keys.signingKey(KEY_SETS.accessToken);
  return new SignJWT({ client_id: session.clientId, scp: session.scope, ext: session.accessTokenClaims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
    .setIssuer(ctx.config.urls.issuer)
    .setSubject(session.subject)
    .setAudience(session.audience)
    .setIssuedAt(toSeconds(issuedAt))
    .setNotBefore(toSeconds(issuedAt))
    .setExpirationTime(toSeconds(expiresAt))
    .setJti(randomUUID())
    .sign(key.key);
};
