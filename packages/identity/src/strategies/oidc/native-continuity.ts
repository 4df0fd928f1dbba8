/**
 * The continuity of a native app's round trip to a provider (docs/operations/social-sign-in.md, "Native
 * apps"). The app gets the 422 and opens the provider in the system browser, so no cookie of that
 * browser can carry the record (continuity.ts): it stays in the flow, server-side, and the `state` sent
 * to the provider is sealed (AES-GCM, purpose-bound) and names the flow. Only a native flow with an
 * open session-token exchange takes this way: its session reaches nobody without the init code the app
 * holds and the return_to code its return_to receives (flows/token-exchange).
 */
import { randomToken } from '@olympus/crypto';
import type { IdentityContext } from '../../context.ts';
import { OidcContinuityViolation } from '../../errors.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import { hasOpenExchange } from '../../flows/token-exchange/complete.ts';
import type { Continuity } from './continuity.ts';

/** The flow's `internal` key of the record. */
export const NATIVE_CONTINUITY = 'oidcNativeContinuity';
const PURPOSE = 'oidc-native-state';

interface StateReference {
  flowId: string;
  /** Makes each round trip's state unique, so an old callback of the same flow does not match. */
  nonce: string;
}

/** The `state` of a native round trip: sealed, naming the flow. */
export const nativeState = (ctx: IdentityContext, flow: SelfServiceFlow): string =>
  ctx.sealer.seal(JSON.stringify({ flowId: flow.id, nonce: randomToken() } satisfies StateReference), PURPOSE);

/** Keeps the record in the flow until the callback takes it (once). */
export const keepNativeContinuity = (ctx: IdentityContext, flow: SelfServiceFlow, continuity: Continuity): Promise<void> =>
  ctx.storage.flows.updateFlow({ ...flow, internal: { ...flow.internal, [NATIVE_CONTINUITY]: continuity, updatedAt: ctx.now() } });

const violation = (rejectReason: string, reason: string): OidcContinuityViolation =>
  new OidcContinuityViolation('The sign-in with the provider could not be continued.', { reason, details: { reject_reason: rejectReason } });

export interface NativeRoundTrip {
  continuity: Continuity;
  /** The flow without the record, stored so: the callback cannot be replayed. */
  flow: SelfServiceFlow;
}

/**
 * The native round trip this callback's state names, or undefined when the state is not a native one
 * (a browser's callback, continuity.ts). Throws when it names a flow that has no record (any more).
 */
export const takeNativeContinuity = async (ctx: IdentityContext, state: string | undefined): Promise<NativeRoundTrip | undefined> => {
  const opened = state ? ctx.sealer.open(state, PURPOSE) : undefined;
  if (opened === undefined) return undefined;
  const { flowId } = JSON.parse(opened) as StateReference;
  const stored = await ctx.storage.flows.getFlow(flowId);
  const continuity = stored?.internal[NATIVE_CONTINUITY] as Continuity | undefined;
  if (stored === undefined || continuity === undefined || continuity.state !== state) {
    throw violation('native_state_unknown', 'The callback names a native sign-in that is not waiting for a provider: it was completed already, or another round trip replaced it. Start the sign-in again in the app.');
  }
  if (continuity.expiresAt <= ctx.now() || !(await hasOpenExchange(ctx, stored))) {
    throw violation('expired', 'The native sign-in this callback belongs to expired, or its session token exchange was completed already; start the sign-in again in the app.');
  }
  const { [NATIVE_CONTINUITY]: _taken, ...internal } = stored.internal;
  const flow = { ...stored, internal: { ...internal, updatedAt: ctx.now() } } as SelfServiceFlow;
  await ctx.storage.flows.updateFlow(flow);
  return { continuity, flow };
};
