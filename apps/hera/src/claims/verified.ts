/**
 * email_verified / phone_number_verified (OIDC Core §5.1): true only when the identity server has
 * verified that very address, compared case-insensitively for email (RFC 5321 domains are, and the
 * identity server lower-cases verifiable addresses).
 */
import type { Identity } from '@olympus/identity';

export const addressVerified = (identity: Identity, via: 'email' | 'sms', value: string): boolean => {
  const wanted = via === 'email' ? value.toLowerCase() : value;
  return identity.verifiable_addresses.some((a) => a.via === via && a.verified && (via === 'email' ? a.value.toLowerCase() : a.value) === wanted);
};
