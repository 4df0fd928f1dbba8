/**
 * When each key of a set signs and how long it stays published (OIDC Core §10.1.1;
 * docs/security.md AS-42). Pure functions over the stored keys, oldest first:
 * - a key signs from `activatesAt` until a newer signing key activates;
 * - it is published from creation (so relying parties have it before it signs) until
 *   `retainAfterRetire` after it stopped signing, so tokens it signed still verify.
 * Keys without a private part, or for encryption, never sign and stay published until deleted.
 */
import type { StoredKey } from '../ports.ts';
import { isSymmetric } from './algorithms.ts';

export const canSign = (key: StoredKey): boolean => key.use === 'sig' && key.privateSealed !== '';

/** Oldest first; on a creation-time tie, the key that activates later is the newer one. */
const byAge = (keys: readonly StoredKey[]): StoredKey[] =>
  [...keys].sort((a, b) => a.createdAt - b.createdAt || a.activatesAt - b.activatesAt || (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0));

/** The newest signing key already active at `now`. */
export const activeKey = (keys: readonly StoredKey[], now: number): StoredKey | undefined =>
  byAge(keys).findLast((key) => canSign(key) && key.activatesAt <= now);

/**
 * Where nothing is active yet (an admin deleted the active key and only pending keys remain), the
 * pending key that activates first; it is already published, so what it signs verifies.
 */
export const nextKey = (keys: readonly StoredKey[]): StoredKey | undefined =>
  byAge(keys)
    .filter(canSign)
    .sort((a, b) => a.activatesAt - b.activatesAt)[0];

/** When `key` stopped (or will stop) signing because a newer key activated; undefined while none will. */
export const supersededAt = (keys: readonly StoredKey[], key: StoredKey): number | undefined => {
  const ordered = byAge(keys);
  const newer = ordered.slice(ordered.indexOf(key) + 1).filter(canSign);
  if (newer.length === 0) return undefined;
  return Math.max(key.activatesAt, Math.min(...newer.map((k) => k.activatesAt)));
};

/** Whether `key` belongs in the published JWKS at `now`. HMAC keys have nothing to publish. */
export const isPublished = (keys: readonly StoredKey[], key: StoredKey, now: number, retainAfterRetire: number): boolean => {
  if (isSymmetric(key.alg)) return false;
  if (!canSign(key)) return true;
  const until = supersededAt(keys, key);
  return until === undefined || now < until + retainAfterRetire;
};

export const publishedKeys = (keys: readonly StoredKey[], now: number, retainAfterRetire: number): StoredKey[] =>
  byAge(keys).filter((key) => isPublished(keys, key, now, retainAfterRetire));
