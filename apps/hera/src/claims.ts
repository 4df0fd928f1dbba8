/**
 * ID-token claims from an identity's traits for the scopes granted (OIDC Core §5.4): `email` →
 * email, email_verified (from the verifiable address); `profile` → name, given_name, family_name.
 */
import type { Identity } from '@olympus/identity';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const profileClaims = (traits: Record<string, unknown>): Record<string, string> => {
  const name = traits.name;
  if (typeof name === 'string') return name ? { name } : {};
  if (typeof name !== 'object' || name === null) return {};
  const parts = name as Record<string, unknown>;
  const given = text(parts.first) ?? text(parts.given);
  const family = text(parts.last) ?? text(parts.family);
  const full = [given, family].filter((p) => p !== undefined).join(' ');
  return { ...(full ? { name: full } : {}), ...(given ? { given_name: given } : {}), ...(family ? { family_name: family } : {}) };
};

const emailClaims = (identity: Identity): Record<string, unknown> => {
  const email = text(identity.traits.email);
  if (email === undefined) return {};
  const address = identity.verifiable_addresses.find((a) => a.via === 'email' && a.value.toLowerCase() === email.toLowerCase());
  return { email, email_verified: address?.verified ?? false };
};

export const idTokenClaims = (identity: Identity | undefined, grantedScopes: readonly string[]): Record<string, unknown> => {
  if (identity === undefined) return {};
  return {
    ...(grantedScopes.includes('email') ? emailClaims(identity) : {}),
    ...(grantedScopes.includes('profile') ? profileClaims(identity.traits) : {}),
  };
};
