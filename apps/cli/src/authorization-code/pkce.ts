/** PKCE (RFC 7636) and the other one-time values of an authorization request. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes → 43 base64url characters: the verifier length RFC 7636 §4.1 recommends. */
export const randomValue = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export interface Pkce {
  verifier: string;
  /** BASE64URL(SHA256(verifier)), RFC 7636 §4.2 S256. */
  challenge: string;
}

export const createPkce = (): Pkce => {
  const verifier = randomValue(32);
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};
