/**
 * Creating a login flow (GET /self-service/login/browser and /login/api, docs/compatibility.md §2.1): checks
 * return_to and the existing session, remembers the OAuth2 login request it serves, builds the form.
 * Created or refused, it is stop 3 of the flow tracer (trace-create.ts).
 */
import type { IdentityContext } from '../../context.ts';
import { checkReturnTo } from '../../return-to.ts';
import { messages } from '../../ui/messages.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import type { FlowType, SelfServiceFlow } from '../flow.ts';
import { newFlow, requestOf } from '../new-flow.ts';
import { attachOAuth2Request, inheritOAuth2Request } from '../oauth2-request.ts';
import type { RequestFacts } from '../request-facts.ts';
import { checkLoginAllowed, parseAal } from './rules.ts';
import { traceLoginFlowCreated, traceLoginFlowRefused } from './trace-create.ts';
import { loginUi } from './ui.ts';

export interface LoginFlowParams {
  type: FlowType;
  requestUrl: string;
  /** Raw query values, checked here. */
  returnTo?: string;
  refresh?: boolean;
  aal?: string;
  loginChallenge?: string;
  /** Browser flows: the olympus_csrf cookie's secret (existing or just minted). */
  csrfSecret?: string;
  current?: CurrentSession;
  /** The request id the flow tracer records (request-facts.ts). */
  request?: RequestFacts;
}

export const createLoginFlow = async (ctx: IdentityContext, p: LoginFlowParams): Promise<SelfServiceFlow> => {
  const startedAt = ctx.now();
  try {
    const flow = await newLoginFlow(ctx, p);
    traceLoginFlowCreated(ctx, flow, p, startedAt);
    return flow;
  } catch (err) {
    await traceLoginFlowRefused(ctx, p, err, startedAt);
    throw err;
  }
};

const newLoginFlow = async (ctx: IdentityContext, p: LoginFlowParams): Promise<SelfServiceFlow> => {
  const returnTo = checkReturnTo(ctx.config, p.returnTo);
  const aal = parseAal(p.aal);
  const refresh = p.refresh === true;
  const challenge = p.loginChallenge ?? '';
  // An OAuth2 authorization may ask anyone to log in, also over an existing session (switching
  // accounts); the new session replaces the old one at the end.
  if (!challenge || aal === 'aal2') checkLoginAllowed(p.current, refresh, aal);
  const bound = (refresh || aal === 'aal2') && p.current ? p.current.identity.id : '';
  const flow = newFlow(ctx, 'login', {
    type: p.type, requestUrl: p.requestUrl, returnTo, csrfSecret: p.csrfSecret, refresh, requestedAal: aal,
    oauth2LoginChallenge: challenge, identityId: bound,
  });
  await attachOAuth2Request(ctx, flow);
  flow.ui = loginUi(ctx.config, flow, bound ? p.current?.identity : undefined);
  await ctx.storage.flows.createFlow(flow);
  ctx.log.info({ flow_id: flow.id, flow_type: flow.type, refresh, aal, trace_id: flow.internal.traceId, identity_id: bound || undefined }, 'login flow created');
  return flow;
};

/** The successor of an expired login flow: same parameters, new id, new expiry, fresh form. */
export const recreateLoginFlow = async (ctx: IdentityContext, expired: SelfServiceFlow, csrfSecret: string | undefined): Promise<SelfServiceFlow> => {
  const flow = newFlow(ctx, 'login', requestOf(expired, csrfSecret));
  inheritOAuth2Request(expired, flow);
  const identity = flow.identityId ? await ctx.storage.identities.getIdentity(flow.identityId) : undefined;
  const ui = loginUi(ctx.config, flow, identity);
  flow.ui = { ...ui, messages: [messages.loginFlowExpired(expired.expiresAt, ctx.now()), ...(ui.messages ?? [])] };
  await ctx.storage.flows.createFlow(flow);
  return flow;
};
