import { getLoginRequest } from '@olympus/oauth2';
import type { IdentityContext } from '../context.ts';
import type { SelfServiceFlow } from './flow.ts';

/**
 * A flow created with a login_challenge shows Hydra's login request (`oauth2_login_request`) and
 * logs under the OAuth2 flow's trace_id, so one trace runs from /oauth2/auth through the login.
 * An unknown or handled challenge is refused here, with the OAuth2 server's error.
 */
export const attachOAuth2Request = async (ctx: IdentityContext, flow: SelfServiceFlow): Promise<void> => {
  const challenge = flow.oauth2LoginChallenge;
  if (!challenge) return;
  flow.internal.oauth2LoginRequest = await getLoginRequest(ctx.oauth2, challenge);
  flow.internal.traceId = (await ctx.oauth2.storage.flows.getFlowByLoginChallenge(challenge))?.traceId ?? '';
};

/** A successor flow keeps what its predecessor knew about the OAuth2 request. */
export const inheritOAuth2Request = (from: SelfServiceFlow, to: SelfServiceFlow): void => {
  to.internal.oauth2LoginRequest = from.internal.oauth2LoginRequest;
  to.internal.traceId = from.internal.traceId;
};
