import { SignJWT } from 'jose';
import { KEY_SETS, type OAuth2Context } from '../context.ts';
import { leftHalfHash } from './at-hash.ts';
import type { GrantSession } from './records.ts';
import { toSeconds } from './time.ts';

/** Claims Olympus sets itself; consent `session.id_token` claims never override them. */
const RESERVED_CLAIMS = new Set([
  'iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'auth_time', 'nonce', 'at_hash', 'c_hash', 'sid', 'acr', 'amr',
  'rat', 'azp',
]);

/** The consent's `session.id_token` claims without the ones the server owns. */
export const customIdTokenClaims = (claims: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(claims).filter(([name]) => !RESERVED_CLAIMS.has(name)));

export interface IdTokenInput {
  session: GrantSession;
  /** The access token issued alongside, for `at_hash`. */
  accessToken: string;
  /** The authorization request's nonce; empty on refresh (OIDC Core §12.2 makes it optional there). */
  nonce: string;
  lifetimeMs: number;
}

/**
 * Signs an ID token (OIDC Core §2, §3.1.3.6) with the current ID-token key, `kid` in the header.
 * The consent's claims are carried on every issue, refresh included (docs/compatibility.md §5.6).
 */
export const signIdToken = async (ctx: Pick<OAuth2Context, 'config' | 'keys' | 'now'>, input: IdTokenInput): Promise<string> => {
  const { session } = input;
  const key = await ctx.keys.signingKey(KEY_SETS.idToken);
  const now = ctx.now();
  const claims: Record<string, unknown> = {
    ...customIdTokenClaims(session.idTokenClaims),
    at_hash: leftHalfHash(input.accessToken, key.alg),
    rat: toSeconds(session.requestedAt),
  };
  if (session.authTime > 0) claims.auth_time = toSeconds(session.authTime);
  if (input.nonce) claims.nonce = input.nonce;
  if (session.sessionId) claims.sid = session.sessionId;
  if (session.acr) claims.acr = session.acr;
  if (session.amr.length > 0) claims.amr = session.amr;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(ctx.config.urls.issuer)
    .setSubject(session.subject)
    .setAudience([session.clientId])
    .setIssuedAt(toSeconds(now))
    .setExpirationTime(toSeconds(now + input.lifetimeMs))
    .sign(key.key);
};
