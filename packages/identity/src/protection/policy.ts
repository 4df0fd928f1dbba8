/**
 * The numbers of brute-force protection (docs/security.md ID-7; docs/operations/protection.md).
 * Per identifier: `protection.login.failures_before_lockout` failures (default 5), each attempt after
 * the second slowed down a little more, then a lockout of `protection.login.lockout` (default 15 min).
 * Per client IP: ten times as many failures, whatever the identifiers, so one address cannot spray
 * a common password over many accounts. Both stay far below ASVS 4.0.3 2.2.1's 100 failures an hour.
 */
import type { OlympusConfig } from '@olympus/config';

/** The per-IP threshold is this many times the per-identifier one. */
export const IP_FAILURE_FACTOR = 10;

/** The longest progressive delay, and the first step of it (attempt 3; attempts 1 and 2 are free). */
const MAX_DELAY_MS = 1000;
const FIRST_DELAY_MS = 250;

export interface LoginPolicy {
  /** Failures per identifier (first factor) or identity (second factor) before the lockout. */
  failuresBeforeLockout: number;
  /** Failures per client IP before the same lockout for that address. */
  ipFailuresBeforeLockout: number;
  lockoutMs: number;
}

export const loginPolicyOf = (config: OlympusConfig): LoginPolicy => ({
  failuresBeforeLockout: config.protection.loginFailuresBeforeLockout,
  ipFailuresBeforeLockout: config.protection.loginFailuresBeforeLockout * IP_FAILURE_FACTOR,
  lockoutMs: config.protection.lockout,
});

/**
 * How long the `ordinal`-th attempt in a row waits before it is verified: 0, 0, 250 ms, 500 ms, 1 s,
 * then 1 s. Never more than a quarter of the lockout, so a short lockout (tests) is not outlasted by
 * its own delay. The wait is a timer: it holds the request, never the event loop.
 */
export const delayBeforeAttempt = (ordinal: number, lockoutMs: number): number => {
  if (ordinal <= 2) return 0;
  const cap = Math.min(MAX_DELAY_MS, Math.floor(lockoutMs / 4));
  return Math.min(cap, FIRST_DELAY_MS * 2 ** Math.min(ordinal - 3, 10));
};

/**
 * A login reservation not settled this long after its subject's last granted one counts as
 * abandoned (its node died mid-attempt): far above the longest delay plus a verification.
 */
export const RESERVATION_HOLD_MS = 30_000;

/**
 * An attempt kept out only by other nodes' attempts in flight polls the shared counter 25 ms, 50 ms,
 * … 250 ms apart, for at most 5 s in all, then answers 429 with Retry-After 1 s (docs/operations/protection.md).
 */
export const IN_FLIGHT_WAIT = { firstPollMs: 25, maxPollMs: 250, totalMs: 5000, retryAfterSeconds: 1 } as const;

/** Recovery and verification codes sent per address, and per client IP (docs/operations/protection.md). */
export const CODE_REQUESTS_PER_ADDRESS = { limit: 5, windowMs: 15 * 60_000 } as const;
export const CODE_REQUESTS_PER_IP = { limit: 50, windowMs: 15 * 60_000 } as const;

/** Registration submissions per client IP: each one may cost an argon2id hash and create an account. */
export const REGISTRATIONS_PER_IP = { limit: 100, windowMs: 15 * 60_000 } as const;
