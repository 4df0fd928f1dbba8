/**
 * The storage port of brute-force protection and rate limits: counters in the database, so every
 * node of a cluster sees the same counts (docs/architecture.md §1: nodes are stateless). One primitive serves
 * both uses — an atomic "count this hit and tell me where the counter stands", so two concurrent
 * attempts can never both read "4 failures" and both be let through (docs/security.md ID-7).
 */

/** One counter to hit. */
export interface CounterHit {
  key: string;
  /** 1 counts this hit; 0 only reads the counter (creating it at 0 when missing or expired). */
  add: 0 | 1;
  /** The counter never grows beyond `limit + 1`, so "over the limit" is one state, however often it is hit. */
  limit: number;
  /** A missing or expired counter restarts, expiring this long after the hit. */
  windowMs: number;
}

export interface CounterState {
  key: string;
  hits: number;
  /** Epoch ms after which the counter is gone (starts again from zero). */
  expiresAt: number;
}

/**
 * `sliding`: every counted hit below the limit moves the expiry to `windowMs` after it, so failures
 * are forgotten only after a quiet `windowMs`, and a lockout lasts `windowMs` from the failure that
 * reached the limit (hits refused during it do not prolong it). `fixed`: the first hit opens a window
 * of `windowMs` and later hits never move it (N per window).
 */
export type CounterWindow = 'sliding' | 'fixed';

export interface ProtectionStore {
  /**
   * Atomically per key: a missing or expired counter restarts at `add`; a live counter at or below its
   * limit grows by `add`; one above its limit stays. Returns the state of every key after the hit.
   * Keys in one call must differ.
   */
  hit(hits: readonly CounterHit[], now: number, window: CounterWindow): Promise<CounterState[]>;
  /** Takes one counted hit back (an attempt that turned out not to be a guess); never below zero. */
  release(key: string): Promise<void>;
  /** Forgets the counter (a successful login clears its identifier's failures). */
  reset(key: string): Promise<void>;
  /** Deletes up to `limit` counters that expired at `now`; returns how many. */
  deleteExpired(now: number, limit: number): Promise<number>;
}
