/**
 * POST /self-service/verification?flow= with method `code` (docs/compatibility.md §2.1): `{email}` mails a code
 * to a verifiable address (the same answer for an unknown one), `{code}` verifies the address the
 * code was sent to — if it still belongs to the identity (docs/security.md ID-19).
 */
import type { IdentityContext } from '../../context.ts';
import type { OneTimeCode } from '../../codes/code.ts';
import { doneForm } from '../../codes/form.ts';
import { runCodeSubmission } from '../../codes/submit.ts';
import { FlowValidationError } from '../../strategies/strategy.ts';
import { messages } from '../../ui/messages.ts';
import type { FlowBody } from '../body.ts';
import type { SelfServiceFlow } from '../flow.ts';
import type { SubmitRequest } from '../outcome.ts';
import { rejected } from '../rejected.ts';
import { markAddressVerified } from './mark-verified.ts';
import { verificationSpec } from './spec.ts';

/** The flow to show: 200 after a code was sent or the address was verified, 400 with messages. */
export interface VerificationOutcome {
  flow: SelfServiceFlow;
  status: 200 | 400;
}

const verify = async (ctx: IdentityContext, flow: SelfServiceFlow, code: OneTimeCode, body: FlowBody): Promise<VerificationOutcome> => {
  const identity = await ctx.storage.identities.getIdentity(code.identityId);
  const verified = identity && (await markAddressVerified(ctx, identity, code.address));
  if (verified === undefined) {
    ctx.log.info({ flow_id: flow.id, identity_id: code.identityId }, 'verification refused: the address no longer belongs to the identity');
    return { flow: (await rejected(ctx, flow, body, new FlowValidationError([messages.verificationCodeInvalid()]), 'code')).flow, status: 400 };
  }
  const now = ctx.now();
  const continueTo = flow.returnTo || ctx.config.selfservice.defaultBrowserReturnUrl;
  const done: SelfServiceFlow = {
    ...flow, state: 'passed_challenge', active: 'code', ui: doneForm(flow, messages.verificationSuccessful(), continueTo),
    internal: { ...flow.internal, updatedAt: now },
  };
  await ctx.storage.flows.updateFlow(done);
  ctx.log.info({ flow_id: flow.id, identity_id: verified.id }, 'address verified');
  return { flow: done, status: 200 };
};

export const submitVerification = async (ctx: IdentityContext, flowId: string | undefined, rawBody: unknown, req: SubmitRequest): Promise<VerificationOutcome> => {
  const step = await runCodeSubmission(ctx, verificationSpec, flowId, rawBody, req);
  if (step.kind === 'answer') return { flow: step.flow, status: step.status };
  return verify(ctx, step.flow, step.code, step.body);
};
