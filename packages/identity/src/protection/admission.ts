/**
 * Step 1 of the login guard (login-guard.ts): may this attempt be verified? One statement asks the
 * shared counter for a reservation on the subject and reads the client IP's failures. Failures and
 * reservations in flight are kept apart, so the answer is one of:
 * - granted: failures + reservations stayed below the limit — at most `limit` attempts are verified
 *   before the failures alone reach it, on any number of nodes (docs/security.md ID-7);
 * - locked: the confirmed failures (or the IP's) reached the limit — the lockout;
 * - busy: only reservations in flight fill the rest. If they are all this process's own, the attempt
 *   waits for one of them to end (woken, no polling); if other nodes hold some, it polls the counter
 *   with a growing pause for a bounded time, then gives up with "try again" (429), never the lockout.
 */
import { randomUUID } from 'node:crypto';
import type { IdentityContext } from '../context.ts';
import { IN_FLIGHT_WAIT, RESERVATION_HOLD_MS, type LoginPolicy } from './policy.ts';
import type { Slot } from './slots.ts';
import type { AttemptReservation, CredentialLookup, LookedUp } from './store.ts';
import { sweepExpiredCounters } from './sweep.ts';
import type { Wait } from './wait.ts';

/** A reservation to settle once the attempt is judged. */
export interface Held {
  reservation: AttemptReservation;
  generation: number;
}

export type Admission =
  | { kind: 'granted'; failures: number; held?: Held; lookedUp?: LookedUp }
  | { kind: 'locked'; scope: 'subject' | 'ip'; held?: Held }
  | { kind: 'busy' };

const ipRead = (policy: LoginPolicy, ipKey: string) =>
  ({ key: ipKey, add: 0, limit: policy.ipFailuresBeforeLockout, windowMs: policy.lockoutMs }) as const;

/** An attempt naming nobody (no identifier typed) answers only to its IP. */
const admitByIp = async (ctx: IdentityContext, policy: LoginPolicy, ipKey: string): Promise<Admission> => {
  const [ip] = await ctx.storage.protection.hit([ipRead(policy, ipKey)], ctx.now(), 'sliding');
  await sweepExpiredCounters(ctx);
  return (ip?.hits ?? 0) >= policy.ipFailuresBeforeLockout ? { kind: 'locked', scope: 'ip' } : { kind: 'granted', failures: 0 };
};

/** `lookup`: the strategy's identity lookup, made with a reservation that admits the attempt (store.ts). */
export const admit = async (
  ctx: IdentityContext, policy: LoginPolicy, subjectKey: string | undefined, ipKey: string, slot: Slot | undefined, wait: Wait,
  lookup?: CredentialLookup,
): Promise<Admission> => {
  if (subjectKey === undefined || slot === undefined) return admitByIp(ctx, policy, ipKey);
  const reservation: AttemptReservation = {
    key: subjectKey, limit: policy.failuresBeforeLockout, windowMs: policy.lockoutMs, holdMs: RESERVATION_HOLD_MS, token: randomUUID(),
  };
  let pollMs: number = IN_FLIGHT_WAIT.firstPollMs;
  let polled = 0;
  for (;;) {
    const { reservation: state, reads, lookedUp } = await ctx.storage.protection.reserve(reservation, [ipRead(policy, ipKey)], ctx.now(), lookup);
    await sweepExpiredCounters(ctx);
    if (state.granted) slot.holdReservation();
    const held = state.granted ? { reservation, generation: state.generation } : undefined;
    if (state.failures >= policy.failuresBeforeLockout) return { kind: 'locked', scope: 'subject', held };
    if ((reads[0]?.hits ?? 0) >= policy.ipFailuresBeforeLockout) return { kind: 'locked', scope: 'ip', held };
    if (held) return { kind: 'granted', failures: state.failures, held, lookedUp };
    if (state.inFlight <= slot.reserved()) {
      await slot.nextRelease();
      continue;
    }
    if (polled >= IN_FLIGHT_WAIT.totalMs) return { kind: 'busy' };
    await Promise.race([wait(pollMs), slot.nextRelease()]);
    polled += pollMs;
    pollMs = Math.min(IN_FLIGHT_WAIT.maxPollMs, pollMs * 2);
  }
};
