/**
 * Creating a verification flow (GET /self-service/verification/browser and /verification/api,
 * docs/compatibility.md §2.1): anyone may verify an address, signed in or not; return_to is checked.
 */
import type { IdentityContext } from '../../context.ts';
import { addressForm } from '../../codes/form.ts';
import { SelfServiceFlowDisabled } from '../../errors.ts';
import { checkReturnTo } from '../../return-to.ts';
import { messages } from '../../ui/messages.ts';
import type { FlowType, SelfServiceFlow } from '../flow.ts';
import { newFlow, requestOf } from '../new-flow.ts';

export interface VerificationFlowParams {
  type: FlowType;
  requestUrl: string;
  returnTo?: string;
  csrfSecret?: string;
}

export const checkVerificationEnabled = (ctx: IdentityContext): void => {
  if (ctx.config.selfservice.flows.verification.enabled) return;
  throw new SelfServiceFlowDisabled('Address verification is not allowed because it was disabled.', {
    reason: 'selfservice.flows.verification.enabled is false: this Olympus verifies no addresses.',
  });
};

export const createVerificationFlow = async (ctx: IdentityContext, p: VerificationFlowParams): Promise<SelfServiceFlow> => {
  checkVerificationEnabled(ctx);
  const returnTo = checkReturnTo(ctx.config, p.returnTo);
  const flow = newFlow(ctx, 'verification', { type: p.type, requestUrl: p.requestUrl, returnTo, csrfSecret: p.csrfSecret });
  flow.ui = addressForm(flow);
  await ctx.storage.flows.createFlow(flow);
  ctx.log.info({ flow_id: flow.id, flow_type: flow.type }, 'verification flow created');
  return flow;
};

export const recreateVerificationFlow = async (ctx: IdentityContext, expired: SelfServiceFlow, csrfSecret: string | undefined): Promise<SelfServiceFlow> => {
  const flow = newFlow(ctx, 'verification', requestOf(expired, csrfSecret));
  flow.ui = { ...addressForm(flow), messages: [messages.verificationFlowExpired(expired.expiresAt, ctx.now())] };
  await ctx.storage.flows.createFlow(flow);
  return flow;
};
