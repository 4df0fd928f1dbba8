import { randomUUID } from 'node:crypto';
import type { OAuth2Context } from '../context.ts';
import { InvalidRequest } from '../errors.ts';
import { AuthorizeRejected } from '../authorize/rejection.ts';
import { currentAuthSession, clearAuthSessionCookie } from '../browser/auth-session.ts';
import type { BrowserStep } from '../browser/instructions.ts';
import { withParam } from '../endpoints.ts';
import { verifyIdTokenHint } from '../id-token-hint.ts';
import { endAuthSessionCounted, type BackchannelNotice } from './backchannel.ts';
import { LOGOUT_CHALLENGE_PURPOSE, LOGOUT_VERIFIER_PURPOSE, type LogoutRequest } from './logout-request.ts';
import { traceLogout, type LogoutTrace } from './trace-logout.ts';

const page = (err: InvalidRequest): never => {
  throw new AuthorizeRejected(err, null);
};

/** The client named by id_token_hint's `aud` or by client_id; both must agree (RP-Initiated Logout §2). */
const clientOf = (claims: Record<string, unknown> | undefined, clientIdParam: string): string => {
  const aud = claims?.aud;
  const fromHint = Array.isArray(aud) ? String(aud[0] ?? '') : typeof aud === 'string' ? aud : '';
  if (fromHint && clientIdParam && fromHint !== clientIdParam) {
    page(new InvalidRequest('The client_id does not match the audience of the id_token_hint.', {
      hint: `The ID token was issued to "${fromHint}" but client_id is "${clientIdParam}".`,
    }));
  }
  return fromHint || clientIdParam;
};

/** Builds the redirect after logout: the registered post_logout_redirect_uri (+state) or the default page. */
export const afterLogout = (ctx: OAuth2Context, uri: string, state: string): string => {
  if (!uri) return ctx.config.urls.postLogoutRedirect;
  return state ? withParam(uri, 'state', state) : uri;
};

/**
 * GET/POST /oauth2/sessions/logout (OpenID RP-Initiated Logout 1.0 §2–§3). The redirect target must
 * be registered exactly for the client (docs/security.md AS-7); an unverifiable hint is refused. A
 * refusal, and a logout with no session to end, is stop 12 of a trace (trace-logout.ts); a logout
 * handed to the logout UI is recorded when the UI accepts it (challenge.ts).
 */
export const startLogout = async (
  ctx: OAuth2Context,
  params: Record<string, string>,
  requestUrl: string,
  cookies: Record<string, string | undefined>,
  requestId?: string,
): Promise<BrowserStep> => {
  const trace: LogoutTrace = {
    startedAt: ctx.now(), requestId, initiatedBy: 'rp', idTokenHintPresent: Boolean(params.id_token_hint),
    postLogoutRedirectUriRegistered: params.post_logout_redirect_uri ? false : null,
  };
  try {
    return await beginLogout(ctx, params, requestUrl, cookies, trace);
  } catch (err) {
    traceLogout(ctx, trace, { error: err instanceof AuthorizeRejected ? err.error : err });
    throw err;
  }
};

/** startLogout's checks and answer; `trace` learns the client, the subject and whether the redirect is registered as they become known. */
const beginLogout = async (
  ctx: OAuth2Context, params: Record<string, string>, requestUrl: string, cookies: Record<string, string | undefined>, trace: LogoutTrace,
): Promise<BrowserStep> => {
  const hint = params.id_token_hint;
  const claims = hint ? await verifyIdTokenHint(ctx, hint) : undefined;
  if (hint && !claims) page(new InvalidRequest('The id_token_hint is not a valid ID token issued by this server.'));
  const clientId = clientOf(claims as Record<string, unknown> | undefined, params.client_id ?? '');
  trace.clientId = clientId;
  const redirect = params.post_logout_redirect_uri ?? '';
  if (redirect) {
    const client = clientId ? (await ctx.clients.get(clientId))?.client : undefined;
    if (!client) page(new InvalidRequest('post_logout_redirect_uri needs id_token_hint or client_id to name the client it belongs to.'));
    if (!client!.post_logout_redirect_uris.includes(redirect)) {
      page(new InvalidRequest('The post_logout_redirect_uri is not registered for this client.', {
        hint: `Client "${clientId}" has post_logout_redirect_uris [${client!.post_logout_redirect_uris.join(', ')}]; Olympus compares them exactly.`,
      }));
    }
    trace.postLogoutRedirectUriRegistered = true;
  }
  const session = await currentAuthSession(ctx, cookies);
  const state = params.state ?? '';
  if (!session || (claims?.sub !== undefined && claims.sub !== session.subject)) {
    traceLogout(ctx, { ...trace, identityId: typeof claims?.sub === 'string' ? claims.sub : undefined }, { sessionsEnded: 0 });
    return { kind: 'redirect', location: afterLogout(ctx, redirect, state), cookies: session ? [] : [clearAuthSessionCookie()] };
  }
  const now = ctx.now();
  const request: LogoutRequest = {
    id: randomUUID(), subject: session.subject, sid: session.id, clientId, postLogoutRedirectUri: redirect, state,
    rpInitiated: true, idTokenHintPresent: Boolean(hint), requestUrl, requestedAt: now, expiresAt: now + ctx.config.ttl.loginConsentRequest,
  };
  const challenge = ctx.sealer.seal(JSON.stringify(request), LOGOUT_CHALLENGE_PURPOSE);
  ctx.log.info({ client_id: clientId, subject: session.subject, sid: session.id, logout_id: request.id }, 'logout requested; redirecting to the logout UI');
  return { kind: 'redirect', location: withParam(ctx.config.urls.logout, 'logout_challenge', challenge), cookies: [] };
};

/**
 * The user signed out in the UI (Hera's "Sign out", an identity logout): this browser's
 * authentication session ends, with the back-channel notices for its clients. Stop 12 of a trace.
 */
export const endBrowserAuthSession = async (
  ctx: OAuth2Context, cookies: Record<string, string | undefined>, requestId?: string,
): Promise<BackchannelNotice[]> => {
  const startedAt = ctx.now();
  const session = await currentAuthSession(ctx, cookies);
  const { ended, notices } = session === undefined ? { ended: false, notices: [] } : await endAuthSessionCounted(ctx, session.id);
  traceLogout(ctx, {
    startedAt, requestId, initiatedBy: 'ui', idTokenHintPresent: false, postLogoutRedirectUriRegistered: null, identityId: session?.subject,
  }, { sessionsEnded: ended ? 1 : 0 });
  return notices;
};

/** The browser returns with `logout_verifier` after the logout UI accepted: drop the cookie and leave. */
export const finishLogout = (ctx: OAuth2Context, verifier: string): BrowserStep => {
  const opened = ctx.sealer.open(verifier, LOGOUT_VERIFIER_PURPOSE);
  if (!opened) page(new InvalidRequest('The logout_verifier is invalid.', { hint: 'Start the logout again from the application.' }));
  const request = JSON.parse(opened!) as LogoutRequest;
  return { kind: 'redirect', location: afterLogout(ctx, request.postLogoutRedirectUri, request.state), cookies: [clearAuthSessionCookie()] };
};
