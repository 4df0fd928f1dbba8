/**
 * Which refused logins count as a guess. A strategy says "wrong" with one of these message ids, on
 * the flow or on a node; a missing field, an unknown method or a disabled account is not a guess and
 * gives its attempt back. Any new login strategy (code, WebAuthn, …) that refuses a secret with a new
 * id adds it here, or its failures go uncounted.
 */
import { FlowValidationError } from '../strategies/strategy.ts';

export const CREDENTIAL_FAILURE_IDS: ReadonlySet<number> = new Set([
  4000006, // invalid credentials (password)
  4000008, // TOTP code not valid
  4000012, // lookup secret used already
  4000016, // lookup secret not valid
  4010008, // login code not valid or used
]);

export const isCredentialFailure = (err: unknown): boolean => {
  if (!(err instanceof FlowValidationError)) return false;
  const texts = [...err.messages, ...Object.values(err.nodeMessages).flat()];
  return texts.some((text) => CREDENTIAL_FAILURE_IDS.has(text.id));
};
