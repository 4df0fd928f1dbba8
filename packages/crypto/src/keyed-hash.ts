import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/** An HMAC-SHA-256 digest's length; every stored keyed hash decodes to it. */
const DIGEST_BYTES = 32;

/**
 * Keyed hashes for high-entropy machine-generated values (tokens, client secrets): HMAC-SHA-256
 * under the system secrets. A database dump alone yields no usable token, and verification costs
 * one HMAC, not a password hash (docs/architecture.md §6). The first secret signs; all verify, so secrets rotate.
 */
export class KeyedHasher {
  /** The secrets as key objects, made once: not converted again for every hash. */
  readonly #keys: readonly KeyObject[];

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('KeyedHasher needs at least one secret');
    this.#keys = secrets.map((secret) => createSecretKey(Buffer.from(secret, 'utf8')));
  }

  /** The hash to store, under the current secret. */
  hash(value: string, purpose: string): string {
    return hmac(this.#keys[0], purpose, value).toString('base64url');
  }

  /** Every hash the value may be stored under (current secret first), for lookups after rotation. */
  candidates(value: string, purpose: string): string[] {
    return this.#keys.map((key) => hmac(key, purpose, value).toString('base64url'));
  }

  /**
   * Hashes `value` under every secret once; the function returned tells whether a stored hash is
   * one of them. Digests are compared with timingSafeEqual, all of them, never stopping early
   * (docs/security.md AS-28): both sides are fixed-length digests, so there is no length to hide.
   */
  matcher(value: string, purpose: string): (storedHash: string) => boolean {
    const digests = this.#keys.map((key) => hmac(key, purpose, value));
    return (storedHash) => {
      const stored = Buffer.from(storedHash, 'base64url');
      // Only a malformed stored hash has another length; its length is the format's, not a secret.
      if (stored.length !== DIGEST_BYTES) return false;
      let equal = false;
      for (const digest of digests) equal = timingSafeEqual(digest, stored) || equal;
      return equal;
    };
  }
}

const hmac = (key: KeyObject, purpose: string, value: string): Buffer =>
  createHmac('sha256', key).update(purpose).update('\0').update(value).digest();
