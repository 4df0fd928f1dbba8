/**
 * Client secret rotation with a window (docs/compatibility.md §1.2). Rotating makes a new current
 * secret; the secrets it replaces stay accepted until the window closes — or, when the rotation
 * names no window, until DELETE …/secrets/rotate retires them, as before windows existed — so
 * the apps using the client move to the new secret without downtime, and the old one still stops
 * on schedule (docs/security.md AS-47). A window is kept per rotated secret, by its keyed hash.
 */
import type { StoredClient } from './client.ts';

/** Hydra keeps the current secret and rotated ones, up to this many in total. */
export const MAX_SECRETS = 5;

/** How long the secrets a rotation replaces stay accepted; neither field: until they are retired. */
export interface RotationWindow {
  /** Epoch ms, in the future. */
  rotatedSecretsExpireAt?: number;
  /** Milliseconds from the rotation, more than zero. */
  rotatedSecretsTtl?: number;
}

/** A rotated secret that is still accepted, as an admin may see it: never its hash. */
export interface RotatedSecret {
  /** Epoch ms when it stops being accepted; null: until DELETE …/secrets/rotate. */
  expiresAt: number | null;
}

/** The secrets of a client: whether it has a current one, and its rotated ones still accepted, newest first. */
export interface ClientSecrets {
  clientId: string;
  hasSecret: boolean;
  rotated: RotatedSecret[];
}

type Secrets = Pick<StoredClient, 'secretHashes' | 'rotatedSecretsExpireAt'>;

const expiryOf = (stored: Secrets, hash: string): number | undefined => {
  const expiries = stored.rotatedSecretsExpireAt;
  return expiries !== undefined && Object.hasOwn(expiries, hash) ? expiries[hash] : undefined;
};

/** True while the rotated secret with this hash is inside its window (or has none). */
export const acceptsRotated = (stored: Secrets, hash: string, now: number): boolean => {
  const until = expiryOf(stored, hash);
  return until === undefined || now < until;
};

const earlier = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

/**
 * The secrets after rotating to `newHash`. Rotated secrets whose window has closed are dropped
 * first (they free their place among the five); every rotated secret then ends at `until` or at
 * its own earlier end, so a rotation never extends a window that is already running.
 */
export const rotatedSecrets = (existing: Secrets, newHash: string, until: number | undefined, now: number): Secrets => {
  const live = existing.secretHashes.filter((hash, index) => index === 0 || acceptsRotated(existing, hash, now));
  const secretHashes = [newHash, ...live].slice(0, MAX_SECRETS);
  const expiries: Record<string, number> = {};
  for (const hash of secretHashes.slice(1)) {
    const end = earlier(expiryOf(existing, hash), until);
    if (end !== undefined) expiries[hash] = end;
  }
  return Object.keys(expiries).length === 0 ? { secretHashes } : { secretHashes, rotatedSecretsExpireAt: expiries };
};

/** What an admin may know of the client's secrets at `now`. */
export const clientSecretsOf = (stored: StoredClient, now: number): ClientSecrets => ({
  clientId: stored.client.client_id,
  hasSecret: stored.secretHashes.length > 0,
  rotated: stored.secretHashes
    .slice(1)
    .filter((hash) => acceptsRotated(stored, hash, now))
    .map((hash) => ({ expiresAt: expiryOf(stored, hash) ?? null })),
});
