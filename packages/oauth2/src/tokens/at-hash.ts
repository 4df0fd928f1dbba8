import { createHash } from 'node:crypto';

/** The hash OIDC Core pairs with a JWS alg: SHA-2 of the alg's size; EdDSA (Ed25519) uses SHA-512. */
const hashOf = (alg: string): string => {
  if (alg === 'EdDSA' || alg.endsWith('512')) return 'sha512';
  if (alg.endsWith('384')) return 'sha384';
  return 'sha256';
};

/**
 * `at_hash` / `c_hash`: base64url of the left-most half of the hash of the token's ASCII octets,
 * the hash being the one of the ID token's `alg` (OIDC Core §3.1.3.6, §3.3.2.11).
 */
export const leftHalfHash = (token: string, alg: string): string => {
  const digest = createHash(hashOf(alg)).update(token, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
};
