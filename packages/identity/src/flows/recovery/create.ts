/**
 * Creating a recovery flow (GET /self-service/recovery/browser and /recovery/api, docs/compatibility.md §2.1):
 * refused when recovery is disabled or the request already has a session (there is nothing to
 * recover then); return_to checked; the form asks for the address.
 */
import type { IdentityContext } from '../../context.ts';
import { SelfServiceFlowDisabled, SessionAlreadyAvailable } from '../../errors.ts';
import { checkReturnTo } from '../../return-to.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import { addressForm } from '../../codes/form.ts';
import { messages } from '../../ui/messages.ts';
import type { FlowType, SelfServiceFlow } from '../flow.ts';
import { newFlow, requestOf } from '../new-flow.ts';

export interface RecoveryFlowParams {
  type: FlowType;
  requestUrl: string;
  returnTo?: string;
  /** Browser flows: the olympus_csrf cookie's secret (existing or just minted). */
  csrfSecret?: string;
  current?: CurrentSession;
}

export const checkRecoveryEnabled = (ctx: IdentityContext): void => {
  if (ctx.config.selfservice.flows.recovery.enabled) return;
  throw new SelfServiceFlowDisabled('Account recovery is not allowed because it was disabled.', {
    reason: 'selfservice.flows.recovery.enabled is false: this Olympus offers no self-service recovery.',
    details: { hint: 'An admin can still create a recovery code (POST /admin/recovery/code) once recovery is enabled.' },
  });
};

export const createRecoveryFlow = async (ctx: IdentityContext, p: RecoveryFlowParams): Promise<SelfServiceFlow> => {
  checkRecoveryEnabled(ctx);
  const returnTo = checkReturnTo(ctx.config, p.returnTo);
  if (p.current !== undefined) {
    throw new SessionAlreadyAvailable('A valid session was detected and thus recovery is not possible.', {
      reason: 'This browser or token already has a session: change the password in the settings flow instead, or log out first.',
    });
  }
  const flow = newFlow(ctx, 'recovery', { type: p.type, requestUrl: p.requestUrl, returnTo, csrfSecret: p.csrfSecret });
  flow.ui = addressForm(flow);
  await ctx.storage.flows.createFlow(flow);
  ctx.log.info({ flow_id: flow.id, flow_type: flow.type }, 'recovery flow created');
  return flow;
};

/** The successor of an expired recovery flow: same parameters, new id, the address form again. */
export const recreateRecoveryFlow = async (ctx: IdentityContext, expired: SelfServiceFlow, csrfSecret: string | undefined): Promise<SelfServiceFlow> => {
  const flow = newFlow(ctx, 'recovery', requestOf(expired, csrfSecret));
  flow.ui = { ...addressForm(flow), messages: [messages.recoveryFlowExpired(expired.expiresAt, ctx.now())] };
  await ctx.storage.flows.createFlow(flow);
  return flow;
};
