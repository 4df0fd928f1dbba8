import type { OAuth2Context } from '../context.ts';
import { NotFound, RequestExpired, RequestHandled } from '../errors.ts';
import { endpointsOf, withParam } from '../endpoints.ts';
import { endAuthSession, type BackchannelNotice } from './backchannel.ts';
import { LOGOUT_CHALLENGE_PURPOSE, LOGOUT_VERIFIER_PURPOSE, type LogoutRequest } from './logout-request.ts';

const open = (ctx: OAuth2Context, challenge: string): LogoutRequest => {
  const opened = challenge ? ctx.sealer.open(challenge, LOGOUT_CHALLENGE_PURPOSE) : undefined;
  if (!opened) throw new NotFound('The logout challenge is unknown.', { hint: 'Pass logout_challenge exactly as Olympus sent it to the logout UI.' });
  return JSON.parse(opened) as LogoutRequest;
};

const verifierRedirect = (ctx: OAuth2Context, request: LogoutRequest): string =>
  withParam(endpointsOf(ctx.config).endSession, 'logout_verifier', ctx.sealer.seal(JSON.stringify(request), LOGOUT_VERIFIER_PURPOSE));

/** Still pending: not expired and its session not ended yet (a second accept answers 410). */
const checkPending = async (ctx: OAuth2Context, request: LogoutRequest, body: unknown): Promise<void> => {
  if (request.expiresAt <= ctx.now()) {
    throw new RequestExpired('The logout request has expired.', { extra: { status: 'expired', request: body, redirect_to: ctx.config.urls.postLogoutRedirect } });
  }
  const session = await ctx.storage.authSessions.getAuthenticationSession(request.sid);
  if (!session || session.revokedAt !== null) {
    throw new RequestHandled('The logout request was already handled: its session has ended.', {
      extra: { status: 'used', request: body, redirect_to: verifierRedirect(ctx, request) },
    });
  }
};

/** Hydra's OAuth2LogoutRequest. */
const describe = async (ctx: OAuth2Context, challenge: string, request: LogoutRequest) => ({
  challenge,
  subject: request.subject,
  sid: request.sid,
  request_url: request.requestUrl,
  rp_initiated: request.rpInitiated,
  client: request.clientId ? (await ctx.clients.get(request.clientId))?.client ?? null : null,
  requested_at: new Date(request.requestedAt).toISOString(),
  expires_at: new Date(request.expiresAt).toISOString(),
});

export const getLogoutRequest = async (ctx: OAuth2Context, challenge: string) => {
  const request = open(ctx, challenge);
  const body = await describe(ctx, challenge, request);
  await checkPending(ctx, request, body);
  return body;
};

/** Ends the session; the browser goes on to the post-logout redirect through the verifier. */
export const acceptLogoutRequest = async (ctx: OAuth2Context, challenge: string): Promise<{ body: { redirect_to: string }; notices: BackchannelNotice[] }> => {
  const request = open(ctx, challenge);
  await checkPending(ctx, request, await describe(ctx, challenge, request));
  const notices = await endAuthSession(ctx, request.sid);
  return { body: { redirect_to: verifierRedirect(ctx, request) }, notices };
};

/** The user chose to stay logged in: nothing changes (Hydra answers 204). */
export const rejectLogoutRequest = async (ctx: OAuth2Context, challenge: string): Promise<void> => {
  const request = open(ctx, challenge);
  ctx.log.info({ sid: request.sid, subject: request.subject }, 'logout rejected by the UI');
};
