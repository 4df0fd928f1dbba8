/**
 * Creating a registration flow (GET /self-service/registration/browser and /registration/api):
 * refused when registration is disabled or a session exists; return_to checked; the OAuth2 login
 * request it may serve is remembered, as for login.
 */
import type { IdentityContext } from '../../context.ts';
import { SelfServiceFlowDisabled } from '../../errors.ts';
import { checkReturnTo } from '../../return-to.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import { messages } from '../../ui/messages.ts';
import type { FlowType, SelfServiceFlow } from '../flow.ts';
import { alreadyLoggedIn } from '../login/rules.ts';
import { newFlow, requestOf } from '../new-flow.ts';
import { attachOAuth2Request, inheritOAuth2Request } from '../oauth2-request.ts';
import { registrationUi } from './ui.ts';

export interface RegistrationFlowParams {
  type: FlowType;
  requestUrl: string;
  returnTo?: string;
  loginChallenge?: string;
  csrfSecret?: string;
  current?: CurrentSession;
}

export const checkRegistrationEnabled = (ctx: IdentityContext): void => {
  if (ctx.config.selfservice.flows.registration.enabled) return;
  throw new SelfServiceFlowDisabled('Registration is not allowed because it was disabled.', {
    reason: 'selfservice.flows.registration.enabled is false: identities are created by the admin API only.',
  });
};

export const createRegistrationFlow = async (ctx: IdentityContext, p: RegistrationFlowParams): Promise<SelfServiceFlow> => {
  checkRegistrationEnabled(ctx);
  const returnTo = checkReturnTo(ctx.config, p.returnTo);
  if (p.current !== undefined && !p.loginChallenge) throw alreadyLoggedIn();
  const challenge = p.loginChallenge ?? '';
  const flow = newFlow(ctx, 'registration', { type: p.type, requestUrl: p.requestUrl, returnTo, csrfSecret: p.csrfSecret, oauth2LoginChallenge: challenge });
  await attachOAuth2Request(ctx, flow);
  flow.ui = registrationUi(ctx, flow);
  await ctx.storage.flows.createFlow(flow);
  ctx.log.info({ flow_id: flow.id, flow_type: flow.type, trace_id: flow.internal.traceId }, 'registration flow created');
  return flow;
};

export const recreateRegistrationFlow = async (ctx: IdentityContext, expired: SelfServiceFlow, csrfSecret: string | undefined): Promise<SelfServiceFlow> => {
  const flow = newFlow(ctx, 'registration', requestOf(expired, csrfSecret));
  inheritOAuth2Request(expired, flow);
  flow.ui = { ...registrationUi(ctx, flow), messages: [messages.registrationFlowExpired(expired.expiresAt, ctx.now())] };
  await ctx.storage.flows.createFlow(flow);
  return flow;
};
