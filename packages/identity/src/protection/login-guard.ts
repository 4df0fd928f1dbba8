/**
 * Brute-force protection around every login attempt (docs/operations/protection.md; docs/security.md ID-6,
 * ID-7). One guard for every method and path — password, TOTP, lookup secrets, and logins
 * serving an OAuth2 login_challenge — because they all pass through submitLogin.
 *
 * 1. Reserve: the attempt is counted against its subject (the typed identifier; for a second factor,
 *    the session's identity) before anything is verified, in one atomic statement that also reads the
 *    client IP's failures. A burst of parallel guesses therefore gets at most `limit` verifications.
 *    Attempts for one subject are verified at most `limit` at a time per process (slots.ts); the rest queue.
 * 2. Locked (subject over its limit, or the IP at its own): the lockout message after the longest
 *    delay, before any identity lookup or argon2 work — identical for known and unknown identifiers,
 *    right or wrong passwords.
 * 3. Wait the progressive delay of the attempt's position (timers, never the event loop).
 * 4. Verify. A wrong secret keeps the reservation and counts against the IP; success clears the
 *    subject's failures; anything else (a missing field, a disabled account) gives the attempt back.
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
import { delayBeforeAttempt, loginPolicyOf, type LoginPolicy } from './policy.ts';
import { KeyedSlots } from './slots.ts';
import type { CounterHit, CounterState, ProtectionStore } from './store.ts';
import { sweepExpiredCounters } from './sweep.ts';
import { waitFor, type Wait } from './wait.ts';

export interface LoginAttempt {
  flow: SelfServiceFlow;
  body: FlowBody;
  /** The session's identity in a step-up (aal2) flow: second factors count against it. */
  identity?: Identity;
  ip: string;
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

/** Step 1: one statement reserves the subject's attempt and reads the IP's failures. */
const reserve = async (ctx: IdentityContext, policy: LoginPolicy, subject: Subject | undefined, ipKey: string) => {
  const windowMs = policy.lockoutMs;
  const hits: CounterHit[] = [{ key: ipKey, add: 0, limit: policy.ipFailuresBeforeLockout, windowMs }];
  if (subject) hits.push({ key: subject.key, add: 1, limit: policy.failuresBeforeLockout, windowMs });
  const states = await ctx.storage.protection.hit(hits, ctx.now(), 'sliding');
  await sweepExpiredCounters(ctx);
  const find = (key: string): CounterState | undefined => states.find((s) => s.key === key);
  return { ordinal: subject ? (find(subject.key)?.hits ?? 1) : 1, ipFailures: find(ipKey)?.hits ?? 0 };
};

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

/**
 * Runs `verify` (the strategy's login) under the guard and returns its result; throws the lockout
 * as a FlowValidationError (answered like any refused login: 400 + flow) and rethrows what `verify` throws.
 */
export const protectLogin = async <T>(ctx: IdentityContext, attempt: LoginAttempt, verify: () => Promise<T>, wait: Wait = waitFor): Promise<T> => {
  const policy = loginPolicyOf(ctx.config);
  const subject = subjectOf(ctx, attempt);
  const ipKey = loginIpKey(ctx, attempt.ip);
  const slot = subject ? await slotsOf(ctx).acquire(subject.key, policy.failuresBeforeLockout) : undefined;
  try {
    const { ordinal, ipFailures } = await reserve(ctx, policy, subject, ipKey);
    const subjectLocked = ordinal > policy.failuresBeforeLockout;
    if (subjectLocked || ipFailures >= policy.ipFailuresBeforeLockout) {
      // An attempt refused for its IP was never made against the subject: give it back.
      if (subject && !subjectLocked) await ctx.storage.protection.release(subject.key);
      slot?.release();
      ctx.log.info({ ...logFields(attempt, subject), scope: subjectLocked ? 'subject' : 'ip' }, 'login refused: locked out');
      await wait(delayBeforeAttempt(policy.failuresBeforeLockout + 1, policy.lockoutMs));
      throw lockedOut(policy);
    }
    // The other attempts in flight here hold reservations too; the rest of the count are failures
    // (an estimate that errs low, so parallel right passwords are never slowed down).
    const failuresBefore = Math.max(0, ordinal - (slot?.active() ?? 1));
    await wait(delayBeforeAttempt(failuresBefore + 1, policy.lockoutMs));
    let result: T;
    try {
      result = await verify();
    } catch (err) {
      await settleRefusal(ctx, policy, attempt, subject, ipKey, ordinal, err);
      throw err;
    }
    if (subject) await ctx.storage.protection.reset(subject.key);
    return result;
  } finally {
    slot?.release();
  }
};

const settleRefusal = async (
  ctx: IdentityContext, policy: LoginPolicy, attempt: LoginAttempt, subject: Subject | undefined, ipKey: string, ordinal: number, err: unknown,
): Promise<void> => {
  if (!isCredentialFailure(err)) {
    if (subject) await ctx.storage.protection.release(subject.key);
    return;
  }
  const windowMs = policy.lockoutMs;
  const [ip] = await ctx.storage.protection.hit([{ key: ipKey, add: 1, limit: policy.ipFailuresBeforeLockout, windowMs }], ctx.now(), 'sliding');
  const fields = logFields(attempt, subject);
  if (subject && ordinal === policy.failuresBeforeLockout) {
    ctx.metrics?.lockoutStarted('subject');
    ctx.log.warn({ ...fields, scope: 'subject', failures: ordinal, lockout_ms: windowMs }, 'login lockout started');
  }
  if (ip?.hits === policy.ipFailuresBeforeLockout) {
    ctx.metrics?.lockoutStarted('ip');
    ctx.log.warn({ ...fields, scope: 'ip', failures: ip.hits, lockout_ms: windowMs }, 'login lockout started');
  }
};
