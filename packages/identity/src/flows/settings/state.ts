/**
 * Per-method state a settings flow keeps between submissions (a pending TOTP secret, recovery codes
 * not yet saved), in the flow's `internal`, which never leaves the server; secrets in it are sealed.
 */
import type { SelfServiceFlow } from '../flow.ts';

export type MethodStates = Record<string, Record<string, unknown> | undefined>;

export const statesOf = (flow: SelfServiceFlow): MethodStates => {
  const states = flow.internal.settingsStates;
  return typeof states === 'object' && states !== null ? (states as MethodStates) : {};
};
