/**
 * The provider's claims about the user after the callback: the code exchanged, then by kind — GitHub's
 * REST API (github.ts), or the verified ID token (id-token.ts), optionally replaced by the userinfo
 * endpoint's answer (`claims_source: userinfo`, OIDC Core §5.3, whose `sub` must be the ID token's,
 * §5.3.2), and for Apple the first-login name of the `user` field (apple.ts).
 */
import type { JWTPayload } from 'jose';
import type { IdentityContext } from '../../context.ts';
import { withAppleUser } from './apple.ts';
import type { Continuity } from './continuity.ts';
import { fetchJson, providerEndpoints, providerFailure } from './discovery.ts';
import { exchangeCode } from './exchange.ts';
import { githubClaims } from './github.ts';
import { verifyIdToken } from './id-token.ts';
import type { OidcProvider } from './providers.ts';

/** The callback's fields that carry more than the code: Apple's `user`. */
export interface CallbackExtras {
  user?: string;
}

export const userinfoClaims = async (ctx: IdentityContext, provider: OidcProvider, url: string | undefined, accessToken: string | undefined, subject: string): Promise<JWTPayload> => {
  const where = url ?? `${provider.issuer}/.well-known/openid-configuration`;
  if (url === undefined || accessToken === undefined) throw providerFailure(provider, 'userinfo endpoint', where, 'is not announced, or no access token came with the ID token; remove claims_source: userinfo');
  const claims = await fetchJson(ctx, provider, 'userinfo endpoint', url, { authorization: `Bearer ${accessToken}` });
  if (claims.sub !== subject) throw providerFailure(provider, 'userinfo endpoint', url, 'answered for another subject than the ID token (OpenID Connect Core §5.3.2)');
  return claims as JWTPayload;
};

export const providerClaims = async (
  ctx: IdentityContext, provider: OidcProvider, continuity: Continuity, code: string, extras: CallbackExtras,
): Promise<JWTPayload> => {
  const endpoints = await providerEndpoints(ctx, provider);
  const tokens = await exchangeCode(ctx, provider, endpoints, continuity, code);
  if (provider.config.provider === 'github') return githubClaims(ctx, provider, tokens.accessToken!);
  const idClaims = await verifyIdToken(ctx, provider, endpoints, tokens.idToken!, continuity.nonce);
  const claims = provider.config.claimsSource === 'userinfo' ? await userinfoClaims(ctx, provider, endpoints.userinfo, tokens.accessToken, idClaims.sub!) : idClaims;
  return provider.config.provider === 'apple' ? withAppleUser(claims, extras.user) : claims;
};
