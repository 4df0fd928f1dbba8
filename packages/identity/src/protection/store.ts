/**
 * The storage port of brute-force protection and rate limits: counters in the database, so every
 * node of a cluster sees the same counts (docs/architecture.md §1: nodes are stateless). One primitive serves
 * both uses — an atomic "count this hit and tell me where the counter stands", so two concurrent
 * attempts can never both read "4 failures" and both be let through (docs/security.md ID-7).
 */

import type { CredentialType, Identity } from '../identities/identity.ts';

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

/**
 * One login attempt asking to be verified (login-guard.ts). Reservations in flight are kept apart
 * from confirmed failures, so parallel attempts that have not failed yet make each other wait, never
 * lock each other out, while failures plus reservations never exceed `limit` on any number of nodes.
 */
export interface AttemptReservation {
  key: string;
  /** Failures before the lockout; also the most attempts verified at once. */
  limit: number;
  /** Failures are forgotten this long after the last one; the lockout lasts this long (sliding). */
  windowMs: number;
  /** A reservation counts this long after the subject's last granted one, then as abandoned (a node died mid-attempt). */
  holdMs: number;
  /** Unique per attempt: the statement's answer tells a granted reservation by it. */
  token: string;
}

export interface ReservationState {
  /** The attempt holds a reservation and may be verified. */
  granted: boolean;
  /** Confirmed failures of the subject; at `limit` it is locked out. */
  failures: number;
  /** Reservations in flight on every node, this attempt's included when granted. */
  inFlight: number;
  /** The reservations' generation (a new one starts after they were all forgotten); settle names it. */
  generation: number;
}

/** How a granted attempt ended: a wrong secret, a success (clears the failures), or neither (gives it back). */
export type AttemptOutcome = 'failure' | 'success' | 'void';

/**
 * A granted attempt that succeeded, settled by the write that completes the login
 * (SessionStore.createSessionCompletingFlow) as `settle(attempt, generation, 'success', …)` would,
 * so that a login's last writes share one round trip on PostgreSQL.
 */
export interface SucceededAttempt {
  attempt: AttemptReservation;
  generation: number;
}

/**
 * The identity lookup a login strategy makes once its attempt is admitted
 * (IdentityStore.findByCredentialIdentifier), handed to `reserve` to share its round trip.
 */
export interface CredentialLookup {
  type: CredentialType;
  /** As stored (normalised), with no control character. */
  identifier: string;
}

/** The answer to a CredentialLookup; `identity` undefined when no identity holds the identifier. */
export interface LookedUp {
  identity: Identity | undefined;
}

export interface Reserved {
  reservation: ReservationState;
  reads: CounterState[];
  /** Present only when a `lookup` was asked for and made. */
  lookedUp?: LookedUp;
}

export interface ProtectionStore {
  /**
   * In one atomic statement: grants `attempt` a reservation when its failures plus the reservations
   * in flight stay below its limit (else changes nothing), and reads the counters of `reads` (add 0).
   * With `lookup`, an attempt granted while none of `reads` is at its limit (one that will be
   * verified) also gets the identity looked up, in the same round trip on PostgreSQL; an attempt
   * refused or locked out looks nobody up.
   */
  reserve(attempt: AttemptReservation, reads: readonly CounterHit[], now: number, lookup?: CredentialLookup): Promise<Reserved>;
  /**
   * Ends a reservation granted in `generation` (ignored if that generation was forgotten as
   * abandoned). A failure is counted like a sliding `hit`; returns the failures after it.
   */
  settle(attempt: AttemptReservation, generation: number, outcome: AttemptOutcome, now: number): Promise<number>;

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
  /** Deletes up to `limit` counters that expired at `now` and hold no live reservation; returns how many. */
  deleteExpired(now: number, limit: number): Promise<number>;
}
