/**
 * Each TOTP code is accepted once (docs/security.md ID-14; RFC 6238 §5.2: the verifier must not
 * accept the same OTP a second time after a successful validation). Two guards:
 * - the credential remembers the last step used, so that step and every earlier one are refused;
 * - the step is claimed in the single-use store that also guards client-assertion jtis, whose primary
 *   key lets only one of two concurrent submissions of a code win, across nodes.
 */
import type { IdentityContext } from '../../context.ts';
import { TOTP_PERIOD_MS } from './secret.ts';

/** The store's first key; the second is a keyed hash no client can produce (its client ids are unrelated). */
const NAMESPACE = 'olympus:identity:totp';
const PURPOSE = 'identity-totp-step';

export const lastUsedStep = (config: Record<string, unknown>): number | undefined =>
  typeof config.last_used_step === 'number' ? config.last_used_step : undefined;

/** True when `step` was not used before for this identity; it counts as used from now on. */
export const claimStep = async (ctx: IdentityContext, identityId: string, step: number, lastUsed: number | undefined): Promise<boolean> => {
  if (lastUsed !== undefined && step <= lastUsed) return false;
  const key = ctx.hasher.hash(`${identityId}:${step}`, PURPOSE);
  // Kept until no clock drift allowance can make the code valid again.
  const expiresAt = (step + 3) * TOTP_PERIOD_MS;
  return ctx.oauth2.claimOnce(NAMESPACE, key, expiresAt);
};
