/**
 * The provider's ID token checked as OIDC Core §3.1.3.7 asks: signed by a key of the provider's JWKS
 * (fetched through the guarded port), issued by the configured issuer, for our client_id, not
 * expired, and carrying the nonce this browser's continuity record holds (§15.5.2). jose does the JWT work.
 */
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { constantTimeEqual } from '@olympus/crypto';
import type { IdentityContext } from '../../context.ts';
import { OidcIdTokenInvalid } from '../../errors.ts';
import { fetchJson, type ProviderEndpoints } from './discovery.ts';
import { expectedIssuer } from './microsoft.ts';
import type { OidcProvider } from './providers.ts';

const invalid = (provider: OidcProvider, check: string, reason: string): OidcIdTokenInvalid =>
  new OidcIdTokenInvalid(`The ID token of the sign-in provider "${provider.id}" was refused.`, { reason, details: { provider: provider.id, check } });

const claimFailure = (provider: OidcProvider, err: errors.JWTClaimValidationFailed, issuer: string): OidcIdTokenInvalid => {
  if (err.claim === 'aud') return invalid(provider, 'audience', `The ID token is for another client (aud), not for client_id "${provider.config.clientId}": the provider issued it to another application.`);
  if (err.claim === 'iss') {
    const fix = provider.config.provider === 'microsoft' ? 'the token was issued by another Azure tenant than its tid or microsoft_tenant names' : "set issuer_url to the provider's issuer exactly";
    return invalid(provider, 'issuer', `The ID token's issuer ${JSON.stringify(err.payload.iss)} is not ${issuer}; ${fix}.`);
  }
  return invalid(provider, err.claim, `The ID token's "${err.claim}" claim failed: ${err.reason}.`);
};

export const verifyIdToken = async (
  ctx: IdentityContext, provider: OidcProvider, endpoints: ProviderEndpoints, idToken: string, nonce: string,
): Promise<JWTPayload> => {
  const jwks = await fetchJson(ctx, provider, 'JWKS', endpoints.jwksUri);
  const issuer = expectedIssuer(provider, idToken);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, createLocalJWKSet(jwks as unknown as JSONWebKeySet), {
      issuer, audience: provider.config.clientId, clockTolerance: 30, currentDate: new Date(ctx.now()),
    }));
  } catch (err) {
    if (err instanceof errors.JWTClaimValidationFailed) throw claimFailure(provider, err, issuer);
    if (err instanceof errors.JWTExpired) throw invalid(provider, 'exp', 'The ID token expired before it arrived; check the clocks of both servers.');
    throw invalid(provider, 'signature', `The ID token's signature could not be verified with the provider's keys (${endpoints.jwksUri}): ${(err as Error).message}.`);
  }
  // Apple leaves the nonce out where the device cannot pass one on and says so (nonce_supported: false).
  const appleWithoutNonce = provider.config.provider === 'apple' && payload.nonce === undefined && payload.nonce_supported === false;
  if (!appleWithoutNonce && (typeof payload.nonce !== 'string' || !constantTimeEqual(payload.nonce, nonce))) {
    throw invalid(provider, 'nonce', "The ID token's nonce is not the one this sign-in sent: the token belongs to another sign-in (a replay).");
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') throw invalid(provider, 'sub', 'The ID token has no subject (sub).');
  return payload;
};
