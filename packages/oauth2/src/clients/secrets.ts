/**
 * Client secrets. Generated ones carry 256 random bits, so a fast keyed hash (HMAC under the system
 * secrets) is enough to store them — no password hash per token request (docs/architecture.md §6). A
 * caller-chosen secret is hashed the same way. Plain secrets are never stored (docs/security.md AS-27).
 */
import { constantTimeEqual, randomToken, type KeyedHasher } from '@olympus/crypto';
import type { StoredClient } from './client.ts';

export const SECRET_PURPOSE = 'client-secret';
/** Hydra keeps the current secret and rotated ones, up to this many in total. */
export const MAX_SECRETS = 5;

export const generateSecret = (): string => randomToken(32);

export const hashSecret = (hasher: KeyedHasher, secret: string): string => hasher.hash(secret, SECRET_PURPOSE);

/** Secret hashes after rotating to `newHash`: the new one first, older ones kept up to MAX_SECRETS. */
export const rotatedHashes = (current: readonly string[], newHash: string): string[] =>
  [newHash, ...current].slice(0, MAX_SECRETS);

/**
 * True when `secret` matches the current or a rotated secret, under the current or an older system
 * secret. Every pair is compared in constant time and the loop never stops early (AS-28).
 */
export const verifySecret = (hasher: KeyedHasher, stored: StoredClient, secret: string): boolean => {
  if (secret === '' || stored.secretHashes.length === 0) return false;
  const candidates = hasher.candidates(secret, SECRET_PURPOSE);
  let matched = false;
  for (const storedHash of stored.secretHashes) {
    for (const candidate of candidates) matched = constantTimeEqual(storedHash, candidate) || matched;
  }
  return matched;
};
