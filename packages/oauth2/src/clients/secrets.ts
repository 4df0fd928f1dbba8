/**
 * Client secrets. Generated ones carry 256 random bits, so a fast keyed hash (HMAC under the system
 * secrets) is enough to store them — no password hash per token request (docs/architecture.md §6). A
 * caller-chosen secret is hashed the same way. Plain secrets are never stored (docs/security.md AS-27).
 */
import { randomToken, type KeyedHasher } from '@olympus/crypto';
import type { StoredClient } from './client.ts';
import { acceptsRotated } from './rotation.ts';

export { MAX_SECRETS } from './rotation.ts';

export const SECRET_PURPOSE = 'client-secret';

export const generateSecret = (): string => randomToken(32);

export const hashSecret = (hasher: KeyedHasher, secret: string): string => hasher.hash(secret, SECRET_PURPOSE);

/**
 * True when `secret` matches the current secret, or a rotated one whose window is still open at
 * `now` (clients/rotation.ts), under the current or an older system secret. Every pair is compared
 * in constant time and the loop never stops early (AS-28); an expired rotated secret is refused even
 * though it matches (AS-47).
 */
export const verifySecret = (hasher: KeyedHasher, stored: StoredClient, secret: string, now: number): boolean => {
  if (secret === '' || stored.secretHashes.length === 0) return false;
  const matches = hasher.matcher(secret, SECRET_PURPOSE);
  let matched = false;
  stored.secretHashes.forEach((storedHash, index) => {
    matched = (matches(storedHash) && (index === 0 || acceptsRotated(stored, storedHash, now))) || matched;
  });
  return matched;
};
