import { createHmac } from 'node:crypto';

/**
 * Keyed hashes for high-entropy machine-generated values (tokens, client secrets): HMAC-SHA-256
 * under the system secrets. A database dump alone yields no usable token, and verification costs
 * one HMAC, not a password hash (docs/architecture.md §6). The first secret signs; all verify, so secrets rotate.
 */
export class KeyedHasher {
  readonly #secrets: readonly string[];

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('KeyedHasher needs at least one secret');
    this.#secrets = secrets;
  }

  /** The hash to store, under the current secret. */
  hash(value: string, purpose: string): string {
    return hmac(this.#secrets[0], purpose, value);
  }

  /** Every hash the value may be stored under (current secret first), for lookups after rotation. */
  candidates(value: string, purpose: string): string[] {
    return this.#secrets.map((secret) => hmac(secret, purpose, value));
  }
}

const hmac = (secret: string, purpose: string, value: string): string =>
  createHmac('sha256', secret).update(purpose).update('\0').update(value).digest('base64url');
