import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { NotFound, RequestExpired, RequestHandled } from '../errors.ts';
import { endpointsOf, withParam } from '../endpoints.ts';
import { endAuthSessionCounted, type BackchannelNotice } from './backchannel.ts';
import { traceLogout, type LogoutTrace } from './trace-logout.ts';
import { LOGOUT_CHALLENGE_PURPOSE, LOGOUT_VERIFIER_PURPOSE, type LogoutRequest } from './logout-request.ts';

const open = (ctx: OAuth2Context, challenge: string): LogoutRequest => {
  const opened = challenge ? ctx.sealer.open(challenge, LOGOUT_CHALLENGE_PURPOSE) : undefined;
  if (!opened) throw new NotFound('The logout challenge is unknown.', { hint: 'Pass logout_challenge exactly as Olympus sent it to the logout UI.' });
  return JSON.parse(opened) as LogoutRequest;
};

const verifierRedirect = (ctx: OAuth2Context, request: LogoutRequest): string =>
  withParam(endpointsOf(ctx.config).endSession, 'logout_verifier', ctx.sealer.seal(JSON.stringify(request), LOGOUT_VERIFIER_PURPOSE));

/** What the logout UI reads of a logout request (Hydra's OAuth2LogoutRequest), typed. */
export interface LogoutRequestView {
  challenge: string;
  subject: string;
  sid: string;
  requestUrl: string;
  rpInitiated: boolean;
  client: OAuth2Client | undefined;
  requestedAt: number;
  expiresAt: number;
}

/** Still pending: not expired and its session not ended yet (a second accept answers 410). */
const checkPending = async (ctx: OAuth2Context, request: LogoutRequest, view: LogoutRequestView): Promise<void> => {
  if (request.expiresAt <= ctx.now()) {
    const expired = new RequestExpired('The logout request has expired.');
    expired.closed = { kind: 'logout', status: 'expired', redirectTo: ctx.config.urls.postLogoutRedirect, request: view };
    throw expired;
  }
  const session = await ctx.storage.authSessions.getAuthenticationSession(request.sid);
  if (!session || session.revokedAt !== null) {
    const handled = new RequestHandled('The logout request was already handled: its session has ended.');
    handled.closed = { kind: 'logout', status: 'used', redirectTo: verifierRedirect(ctx, request), request: view };
    throw handled;
  }
};

const describe = async (ctx: OAuth2Context, challenge: string, request: LogoutRequest): Promise<LogoutRequestView> => ({
  challenge,
  subject: request.subject,
  sid: request.sid,
  requestUrl: request.requestUrl,
  rpInitiated: request.rpInitiated,
  client: request.clientId ? (await ctx.clients.get(request.clientId))?.client : undefined,
  requestedAt: request.requestedAt,
  expiresAt: request.expiresAt,
});

export const getLogoutRequest = async (ctx: OAuth2Context, challenge: string): Promise<LogoutRequestView> => {
  const request = open(ctx, challenge);
  const view = await describe(ctx, challenge, request);
  await checkPending(ctx, request, view);
  return view;
};

const logoutTrace = (startedAt: number, request: LogoutRequest | undefined): LogoutTrace => ({
  startedAt,
  traceId: request?.id,
  initiatedBy: request === undefined || request.rpInitiated ? 'rp' : 'ui',
  idTokenHintPresent: request?.idTokenHintPresent ?? false,
  // startLogout refuses a post_logout_redirect_uri that is not registered, so one in a request is.
  postLogoutRedirectUriRegistered: request?.postLogoutRedirectUri ? true : null,
  clientId: request?.clientId,
  identityId: request?.subject,
});

/** Ends the session; the browser goes on to the post-logout redirect through the verifier. Stop 12 of the trace. */
export const acceptLogoutRequest = async (ctx: OAuth2Context, challenge: string): Promise<{ redirectTo: string; notices: BackchannelNotice[] }> => {
  const startedAt = ctx.now();
  let request: LogoutRequest | undefined;
  try {
    request = open(ctx, challenge);
    await checkPending(ctx, request, await describe(ctx, challenge, request));
    const { ended, notices } = await endAuthSessionCounted(ctx, request.sid);
    traceLogout(ctx, logoutTrace(startedAt, request), { sessionsEnded: ended ? 1 : 0 });
    return { redirectTo: verifierRedirect(ctx, request), notices };
  } catch (err) {
    traceLogout(ctx, logoutTrace(startedAt, request), { error: err });
    throw err;
  }
};

/** The user chose to stay logged in: nothing changes (Hydra answers 204). */
export const rejectLogoutRequest = async (ctx: OAuth2Context, challenge: string): Promise<void> => {
  const request = open(ctx, challenge);
  ctx.log.info({ sid: request.sid, subject: request.subject }, 'logout rejected by the UI');
};
