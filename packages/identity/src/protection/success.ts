/**
 * The success of a guarded login attempt (login-guard.ts), handed on to the write that completes
 * the login: the session insert settles the attempt's reservation in the same round trip on
 * PostgreSQL (SessionStore.createSessionCompletingFlow). Whatever does not get written that way —
 * a completion that fails, or one that writes no session — the guard settles itself afterwards, so
 * a reservation always ends, and ends once.
 */
import type { SucceededAttempt } from './store.ts';

export interface LoginSuccess {
  /** What the store settles along with its write; undefined when the attempt held no reservation. */
  readonly succeeded: SucceededAttempt | undefined;
  /** Says that a store wrote `succeeded` (its statement returned): the guard then leaves it alone. */
  written(): void;
}

export const loginSuccess = (succeeded: SucceededAttempt | undefined): LoginSuccess & { isWritten(): boolean } => {
  let written = false;
  return {
    succeeded,
    written: () => {
      written = true;
    },
    isWritten: () => written,
  };
};
