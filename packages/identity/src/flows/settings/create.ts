/**
 * Creating a settings flow (GET /self-service/settings/browser and /settings/api, docs/compatibility.md §2.1):
 * it needs a session at the required level and belongs to that session's identity.
 */
import type { IdentityContext } from '../../context.ts';
import type { Identity } from '../../identities/identity.ts';
import { checkReturnTo } from '../../return-to.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import { messages } from '../../ui/messages.ts';
import type { FlowType, SelfServiceFlow } from '../flow.ts';
import { newFlow, requestOf } from '../new-flow.ts';
import { checkSettingsAal, requireSession } from './access.ts';
import { renderSettings } from './ui.ts';

export interface SettingsFlowParams {
  type: FlowType;
  requestUrl: string;
  /** Raw query value, checked here. */
  returnTo?: string;
  /** Browser flows: the olympus_csrf cookie's secret (existing or just minted). */
  csrfSecret?: string;
  current?: CurrentSession;
}

/** A settings flow with the identity it shows (Kratos' settings flow carries it). */
export interface SettingsFlowView {
  flow: SelfServiceFlow;
  identity: Identity;
}

export const createSettingsFlow = async (ctx: IdentityContext, p: SettingsFlowParams): Promise<SettingsFlowView> => {
  const current = requireSession(p.current);
  const returnTo = checkReturnTo(ctx.config, p.returnTo);
  // After the second factor the browser comes back here and creates the flow again.
  checkSettingsAal(ctx, current, p.type === 'browser' ? p.requestUrl : '');
  const { identity } = current;
  const flow = newFlow(ctx, 'settings', { type: p.type, requestUrl: p.requestUrl, returnTo, csrfSecret: p.csrfSecret, identityId: identity.id });
  await renderSettings(ctx, flow, identity, {});
  await ctx.storage.flows.createFlow(flow);
  ctx.log.info({ flow_id: flow.id, flow_type: flow.type, identity_id: identity.id, session_id: current.session.id }, 'settings flow created');
  return { flow, identity };
};

/** The successor of an expired settings flow: same identity and parameters, new id and expiry, fresh form. */
export const recreateSettingsFlow = async (
  ctx: IdentityContext,
  expired: SelfServiceFlow,
  csrfSecret: string | undefined,
  identity: Identity,
): Promise<SelfServiceFlow> => {
  const flow = newFlow(ctx, 'settings', requestOf(expired, csrfSecret));
  await renderSettings(ctx, flow, identity, {}, [messages.settingsFlowExpired(expired.expiresAt, ctx.now())]);
  await ctx.storage.flows.createFlow(flow);
  return flow;
};
