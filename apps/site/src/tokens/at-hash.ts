/**
 * `at_hash` as a relying party computes it (OIDC Core §3.1.3.6 and §3.2.2.9): base64url of the
 * left-most half of the hash of the access token's ASCII octets, the hash being the SHA-2 of the
 * ID token `alg`'s size (SHA-512 for EdDSA). Written here rather than imported from @olympus/oauth2
 * so the playground checks the server with an independent reading of the rule.
 */
import { createHash } from 'node:crypto';

export const hashNameFor = (alg: string): 'sha256' | 'sha384' | 'sha512' =>
  alg === 'EdDSA' || alg === 'Ed25519' || alg.endsWith('512') ? 'sha512' : alg.endsWith('384') ? 'sha384' : 'sha256';

export const expectedAtHash = (accessToken: string, alg: string): string => {
  const digest = createHash(hashNameFor(alg)).update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
};
