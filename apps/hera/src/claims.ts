/**
 * ID-token and userinfo claims from an identity's traits for the scopes the user granted (OIDC Core
 * §5.4): `profile` → name, given_name, family_name and the other §5.1 profile claims the traits hold;
 * `email` → email, email_verified; `phone` → phone_number, phone_number_verified; `address` →
 * address (§5.1.1). Trait paths come from the built-in mapping with `hera.claims[schema_id]` merged
 * over it. A claim is released only under its scope, and a trait that is missing or of the wrong
 * shape is left out rather than sent empty.
 */
import type { Identity } from '@olympus/identity';
import { claimPathsFor } from './claims/builtin.ts';
import { SERVER_OWNED_CLAIMS, kindOfClaim, scopeOfClaim } from './claims/standard.ts';
import { claimValue, traitAt } from './claims/traits.ts';
import { addressVerified } from './claims/verified.ts';

/** `config.hera.claims`: identity schema id → OIDC claim → dot-separated trait path. */
export type ClaimMappings = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The claim's value from the first of its trait paths the traits hold, shaped to its type. */
export const firstPresent = (traits: Record<string, unknown>, paths: readonly string[], claim: string): unknown => {
  for (const path of paths) {
    const value = claimValue(kindOfClaim(claim), traitAt(traits, path));
    if (value !== undefined) return value;
  }
  return undefined;
};

/** §5.1 `name` is the full name: composed from its parts when the traits hold no single string. */
const withComposedName = (claims: Record<string, unknown>): void => {
  if (claims.name !== undefined) return;
  const parts = [claims.given_name, claims.middle_name, claims.family_name].filter((p): p is string => typeof p === 'string');
  if (parts.length > 0) claims.name = parts.join(' ');
};

/** Verified flags come only from the identity server's verifiable addresses (never from traits). */
const withVerifiedFlags = (identity: Identity, claims: Record<string, unknown>): void => {
  if (typeof claims.email === 'string') claims.email_verified = addressVerified(identity, 'email', claims.email);
  if (typeof claims.phone_number === 'string') claims.phone_number_verified = addressVerified(identity, 'sms', claims.phone_number);
};

export const idTokenClaims = (identity: Identity | undefined, grantedScopes: readonly string[], mappings: ClaimMappings = {}): Record<string, unknown> => {
  if (identity === undefined) return {};
  const granted = new Set(grantedScopes);
  const claims: Record<string, unknown> = {};
  for (const [claim, paths] of Object.entries(claimPathsFor(identity.schema_id, mappings))) {
    if (SERVER_OWNED_CLAIMS.has(claim) || !granted.has(scopeOfClaim(claim))) continue;
    const value = firstPresent(identity.traits, paths, claim);
    if (value !== undefined) claims[claim] = value;
  }
  if (granted.has('profile')) withComposedName(claims);
  withVerifiedFlags(identity, claims);
  return claims;
};
