import type { LoginRequest } from '@olympus/oauth2';
import type { IdentityContext } from '../context.ts';
import type { SelfServiceFlow } from './flow.ts';

/**
 * A flow created with a login_challenge shows Hydra's login request (`oauth2_login_request`) and
 * logs under the OAuth2 flow's trace_id, so one trace runs from /oauth2/auth through the login.
 * The request is read once here and kept typed for the flow's later steps (the AAL rule).
 * An unknown or handled challenge is refused here, with the OAuth2 server's error.
 */
export const attachOAuth2Request = async (ctx: IdentityContext, flow: SelfServiceFlow): Promise<void> => {
  const challenge = flow.oauth2LoginChallenge;
  if (!challenge) return;
  const { request, hydraJson } = await ctx.oauth2.getLoginRequest(challenge);
  flow.internal.oauth2LoginRequest = hydraJson;
  flow.internal.oauth2Request = request;
  flow.internal.traceId = request.traceId;
};

/** A successor flow keeps what its predecessor knew about the OAuth2 request. */
export const inheritOAuth2Request = (from: SelfServiceFlow, to: SelfServiceFlow): void => {
  to.internal.oauth2LoginRequest = from.internal.oauth2LoginRequest;
  to.internal.oauth2Request = from.internal.oauth2Request;
  to.internal.traceId = from.internal.traceId;
};

/** The typed login request the flow read at its start; undefined for flows stored before it was kept. */
export const knownLoginRequest = (flow: SelfServiceFlow): LoginRequest | undefined => {
  const request = flow.internal.oauth2Request;
  return request !== undefined && typeof request.requestUrl === 'string' ? request : undefined;
};
