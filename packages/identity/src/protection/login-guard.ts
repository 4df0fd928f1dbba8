/**
 * Brute-force protection around every login attempt (docs/operations/protection.md; docs/security.md ID-6,
 * ID-7). One guard for every method and path — password, TOTP, lookup secrets, and logins
 * serving an OAuth2 login_challenge — because they all pass through submitLogin.
 *
 * 1. Admit (admission.ts): one atomic statement reserves the attempt on its subject (the typed
 *    identifier; for a second factor, the session's identity) and reads the client IP's failures.
 *    Confirmed failures plus reservations in flight never exceed `limit`, so a burst of parallel
 *    guesses gets at most `limit` verifications on any number of nodes. Attempts for one subject are
 *    in flight at most `limit` at a time per process (slots.ts); the rest queue. An attempt kept out
 *    only by reservations in flight waits for one to end, or answers "too many attempts at once" (429).
 * 2. Locked (failures at the limit, or the IP at its own): the lockout message after the longest
 *    delay, before any identity lookup or argon2 work — identical for known and unknown identifiers,
 *    right or wrong passwords.
 * 3. Wait the progressive delay of the attempt's position (timers, never the event loop).
 * 4. Verify. A wrong secret turns the reservation into a failure and counts against the IP; success
 *    clears the subject's failures (settled with the session's insert when `complete` writes one:
 *    success.ts); anything else (a missing field, a disabled account) gives the reservation back.
 */
import type { IdentityContext } from '../context.ts';
import type { FlowBody } from '../flows/body.ts';
import { stringField } from '../flows/body.ts';
import type { SelfServiceFlow } from '../flows/flow.ts';
import type { Identity } from '../identities/identity.ts';
import { FlowValidationError } from '../strategies/strategy.ts';
import { messages } from '../ui/messages.ts';
import { isCredentialFailure } from './failures.ts';
import { identifierHash, identifierKey, identityKey, loginIpKey } from './keys.ts';
import { admit, type Held } from './admission.ts';
import { delayBeforeAttempt, IN_FLIGHT_WAIT, loginPolicyOf, type LoginPolicy } from './policy.ts';
import { rateLimitedFlow } from './rate-limit.ts';
import { KeyedSlots } from './slots.ts';
import { loginSuccess, type LoginSuccess } from './success.ts';
import type { AttemptOutcome, CredentialLookup, LookedUp, ProtectionStore } from './store.ts';
import { waitFor, type Wait } from './wait.ts';

export interface LoginAttempt {
  flow: SelfServiceFlow;
  body: FlowBody;
  /** The session's identity in a step-up (aal2) flow: second factors count against it. */
  identity?: Identity;
  ip: string;
  /** The strategy's identity lookup, made with the reservation and handed to `verify` (store.ts). */
  lookup?: CredentialLookup;
}

/** Whose failures an attempt counts against; undefined when the body names nobody (then only the IP). */
interface Subject {
  key: string;
  /** For log lines: a keyed hash of the identifier, or the identity id (never the identifier itself). */
  fields: Record<string, string>;
}

const subjectOf = (ctx: IdentityContext, attempt: LoginAttempt): Subject | undefined => {
  if (attempt.flow.requestedAal === 'aal2') {
    const identityId = attempt.identity?.id ?? attempt.flow.identityId;
    return identityId ? { key: identityKey(identityId), fields: { identity_id: identityId } } : undefined;
  }
  const identifier = stringField(attempt.body, 'identifier');
  if (identifier.trim() === '') return undefined;
  const hash = identifierHash(ctx, identifier);
  return { key: identifierKey(hash), fields: { identifier_hash: hash.slice(0, 16) } };
};

const logFields = (attempt: LoginAttempt, subject: Subject | undefined) => ({
  flow_id: attempt.flow.id, trace_id: attempt.flow.internal.traceId, ip: attempt.ip, ...subject?.fields,
});

const lockedOut = (policy: LoginPolicy): FlowValidationError => new FlowValidationError([messages.loginLockedOut(policy.lockoutMs)]);

const slotsByStore = new WeakMap<ProtectionStore, KeyedSlots>();
const slotsOf = (ctx: IdentityContext): KeyedSlots => {
  let slots = slotsByStore.get(ctx.storage.protection);
  if (slots === undefined) {
    slots = new KeyedSlots();
    slotsByStore.set(ctx.storage.protection, slots);
  }
  return slots;
};

const settle = (ctx: IdentityContext, held: Held | undefined, outcome: AttemptOutcome): Promise<number> =>
  held ? ctx.storage.protection.settle(held.reservation, held.generation, outcome, ctx.now()) : Promise.resolve(0);

/**
 * Runs `verify` (the strategy's login) under the guard, then `complete` on its result, and returns
 * what `complete` returns (by default the result itself); throws the lockout as a
 * FlowValidationError (answered like any refused login: 400 + flow), "too many attempts at once" as
 * TooManyRequests (429 + Retry-After), and rethrows what `verify` or `complete` throws. The slot is
 * held until the success is settled, so it counts as in flight until then on this node too.
 */
export const protectLogin = async <T, R = T>(
  ctx: IdentityContext,
  attempt: LoginAttempt,
  verify: (lookedUp?: LookedUp) => Promise<T>,
  wait: Wait = waitFor,
  complete: (result: T, success: LoginSuccess) => Promise<R> = async (result) => result as unknown as R,
): Promise<R> => {
  const policy = loginPolicyOf(ctx.config);
  const subject = subjectOf(ctx, attempt);
  const ipKey = loginIpKey(ctx, attempt.ip);
  const slot = subject ? await slotsOf(ctx).acquire(subject.key, policy.failuresBeforeLockout) : undefined;
  try {
    const admission = await admit(ctx, policy, subject?.key, ipKey, slot, wait, subject && attempt.lookup);
    // Logged as "login submission rate-limited"; said with the flow's 4000901 message and 429.
    if (admission.kind === 'busy') throw await rateLimitedFlow(ctx, attempt.flow, IN_FLIGHT_WAIT.retryAfterSeconds);
    if (admission.kind === 'locked') {
      // An attempt refused for its IP was never made against the subject: give it back.
      await settle(ctx, admission.held, 'void');
      slot?.release();
      ctx.log.info({ ...logFields(attempt, subject), scope: admission.scope }, 'login refused: locked out');
      await wait(delayBeforeAttempt(policy.failuresBeforeLockout + 1, policy.lockoutMs));
      throw lockedOut(policy);
    }
    const delay = delayBeforeAttempt(admission.failures + 1, policy.lockoutMs);
    await wait(delay);
    // After a delay the identity read with the reservation may be stale (a password changed, an
    // account disabled meanwhile): the strategy then reads it again.
    const lookedUp = delay === 0 ? admission.lookedUp : undefined;
    let result: T;
    try {
      result = await verify(lookedUp);
    } catch (err) {
      await settleRefusal(ctx, policy, attempt, subject, ipKey, admission.held, err);
      throw err;
    }
    const held = admission.held;
    const success = loginSuccess(held && { attempt: held.reservation, generation: held.generation });
    try {
      return await complete(result, success);
    } finally {
      if (!success.isWritten()) await settle(ctx, held, 'success');
    }
  } finally {
    slot?.release();
  }
};

const settleRefusal = async (
  ctx: IdentityContext, policy: LoginPolicy, attempt: LoginAttempt, subject: Subject | undefined, ipKey: string, held: Held | undefined, err: unknown,
): Promise<void> => {
  if (!isCredentialFailure(err)) {
    await settle(ctx, held, 'void');
    return;
  }
  const windowMs = policy.lockoutMs;
  const failures = await settle(ctx, held, 'failure');
  const [ip] = await ctx.storage.protection.hit([{ key: ipKey, add: 1, limit: policy.ipFailuresBeforeLockout, windowMs }], ctx.now(), 'sliding');
  const fields = logFields(attempt, subject);
  if (subject && failures === policy.failuresBeforeLockout) {
    ctx.metrics?.lockoutStarted('subject');
    ctx.log.warn({ ...fields, scope: 'subject', failures, lockout_ms: windowMs }, 'login lockout started');
  }
  if (ip?.hits === policy.ipFailuresBeforeLockout) {
    ctx.metrics?.lockoutStarted('ip');
    ctx.log.warn({ ...fields, scope: 'ip', failures: ip.hits, lockout_ms: windowMs }, 'login lockout started');
  }
};
