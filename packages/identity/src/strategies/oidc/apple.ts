/**
 * Sign in with Apple (Apple's "Sign in with Apple REST API" documentation, and Kratos' provider_apple.go
 * for the same facts): fixed endpoints; a client secret that is an ES256 JWT signed with the team's key
 * (unless `client_secret` is given); `response_mode=form_post` whenever name or email is asked for, so the
 * callback arrives as a POST (packages/http turns it into a GET, where the continuity cookie comes back);
 * and the user's name only on the first authorization, in the `user` form field, never in the ID token.
 * That field is not signed: it only fills name claims the ID token left empty.
 */
import { importPKCS8, SignJWT, type JWTPayload } from 'jose';
import type { ProviderEndpoints } from './discovery.ts';
import { APPLE_ISSUER, type OidcProvider } from './providers.ts';

export const APPLE_ENDPOINTS: ProviderEndpoints = {
  authorization: `${APPLE_ISSUER}/auth/authorize`,
  token: `${APPLE_ISSUER}/auth/token`,
  jwksUri: `${APPLE_ISSUER}/auth/keys`,
  pkceMethods: [],
  // Apple reads the client credentials from the form only.
  tokenAuthMethods: ['client_secret_post'],
};

export const appleWantsFormPost = (scope: readonly string[]): boolean => scope.includes('email') || scope.includes('name');

/** The client secret JWT (5 minutes; Apple allows up to six months). */
export const appleClientSecret = async (provider: OidcProvider, now: number): Promise<string> => {
  const { appleTeamId, applePrivateKeyId, applePrivateKey, clientId, clientSecret } = provider.config;
  if (appleTeamId === undefined || applePrivateKeyId === undefined || applePrivateKey === undefined) return clientSecret ?? '';
  const key = await importPKCS8(applePrivateKey, 'ES256');
  const iat = Math.floor(now / 1000);
  return new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: applePrivateKeyId })
    .setIssuer(appleTeamId).setSubject(clientId).setAudience(APPLE_ISSUER).setIssuedAt(iat).setExpirationTime(iat + 300)
    .sign(key);
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** `user={"name":{"firstName":…,"lastName":…},"email":…}`: names the ID token does not carry. */
export const withAppleUser = (claims: JWTPayload, userField: string | undefined): JWTPayload => {
  if (userField === undefined) return claims;
  let name: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(userField) as { name?: unknown };
    if (typeof parsed.name === 'object' && parsed.name !== null) name = parsed.name as Record<string, unknown>;
  } catch {
    return claims;
  }
  const given = text(name.firstName);
  const family = text(name.lastName);
  return {
    ...claims,
    ...(claims.given_name === undefined && given !== undefined ? { given_name: given } : {}),
    ...(claims.family_name === undefined && family !== undefined ? { family_name: family } : {}),
  };
};
