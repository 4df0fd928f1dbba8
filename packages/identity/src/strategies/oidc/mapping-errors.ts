/**
 * The two ways a provider's mapping stops a sign-in, both shown on the flow (never a 500): the
 * provider's `mapper.when` condition is false for this account (4000965), or an expression of the
 * mapping failed on these claims, e.g. a claim it reads is absent (4000966; messages.ts). The cause is
 * logged for the operator, not shown to the user.
 */
import type { IdentityContext } from '../../context.ts';
import { FlowValidationError } from '../strategy.ts';
import { oidcMessages as m } from './messages.ts';

/** `mapper.when` gave false. */
export class SignInNotAllowed extends FlowValidationError {
  constructor(providerLabel: string) {
    super([m.signInNotAllowed(providerLabel)]);
  }
}

/** An expression of the mapping failed; `detail` names the provider, the key and the library's message. */
export class MappingFailed extends FlowValidationError {
  readonly detail: string;
  constructor(providerLabel: string, detail: string) {
    super([m.mappingFailed(providerLabel)]);
    this.detail = detail;
  }
}

/** Runs `step`, logging why a mapping stopped the sign-in before the user sees the message. */
export const loggingMappingStops = <T>(ctx: IdentityContext, fields: Record<string, unknown>, step: () => T): T => {
  try {
    return step();
  } catch (err) {
    if (err instanceof MappingFailed) ctx.log.warn({ ...fields, reason: err.detail }, 'provider mapping failed; the sign-in was refused');
    if (err instanceof SignInNotAllowed) ctx.log.info(fields, 'provider sign-in refused: mapper.when is false for these claims');
    throw err;
  }
};
