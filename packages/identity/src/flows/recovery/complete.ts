/**
 * A valid recovery code signs the person in — at aal1 only, whatever second factor the identity
 * has (docs/security.md ID-17: recovery never bypasses MFA; with `required_aal:
 * highest_available` the session must still step up before settings or whoami accept it). The
 * mailbox just proved its control, so the address counts as verified too.
 */
import type { IdentityContext } from '../../context.ts';
import type { OneTimeCode } from '../../codes/code.ts';
import { doneForm } from '../../codes/form.ts';
import { issueSession } from '../../sessions/issue.ts';
import { FlowValidationError } from '../../strategies/strategy.ts';
import { messages } from '../../ui/messages.ts';
import type { FlowBody } from '../body.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { rejected } from '../rejected.ts';
import { markAddressVerified } from '../verification/mark-verified.ts';
import type { RecoveryOutcome, RecoverySubmitRequest } from './outcome.ts';
import { settingsContinuation } from './settings-continuation.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

export const completeRecovery = async (
  ctx: IdentityContext,
  flow: SelfServiceFlow,
  code: OneTimeCode,
  body: FlowBody,
  req: RecoverySubmitRequest,
): Promise<RecoveryOutcome> => {
  const identity = await ctx.storage.identities.getIdentity(code.identityId);
  // The code is bound to its address: one that left the account meanwhile recovers nothing (ID-19).
  const owned = identity !== undefined && identity.state === 'active'
    && (code.address === '' || identity.recovery_addresses.some((a) => a.via === 'email' && a.value === code.address));
  if (!owned) {
    ctx.log.info({ flow_id: flow.id, identity_id: code.identityId }, 'recovery refused: the identity or its address is gone or disabled');
    const out = await rejected(ctx, flow, body, new FlowValidationError([messages.recoveryCodeInvalid()]), 'code');
    return { kind: 'flow', flow: out.flow, status: 400 };
  }
  const recovered = (code.address !== '' ? await markAddressVerified(ctx, identity, code.address) : undefined) ?? identity;
  const now = ctx.now();
  const issued = await issueSession(ctx, recovered, [{ method: 'code', aal: 'aal1', completed_at: iso(now) }], req.device);
  if (req.current) await ctx.storage.sessions.revokeSession(req.current.session.id, now);
  const next = await settingsContinuation(ctx, flow, issued.session, recovered, req.csrfSecret);
  const privilegedUntil = iso(now + ctx.config.selfservice.flows.settings.privilegedSessionMaxAge);
  const done: SelfServiceFlow = {
    ...flow, state: 'passed_challenge', active: 'code', ui: doneForm(flow, messages.recoverySuccessful(privilegedUntil)),
    internal: { ...flow.internal, continueWith: next.continueWith, updatedAt: now },
  };
  await ctx.storage.flows.updateFlow(done);
  ctx.log.info({ flow_id: flow.id, identity_id: identity.id, session_id: issued.session.id, aal: issued.session.authenticator_assurance_level }, 'account recovered');
  return { kind: 'recovered', flow: done, identity: recovered, issued, redirectTo: next.redirectTo };
};
