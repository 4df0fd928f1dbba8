import type { IdentityContext } from '../context.ts';
import { browserFlowUrl } from '../flows/browser-url.ts';
import { SessionAal2Required, SessionInactive } from '../errors.ts';
import { hasSecondFactor } from './aal.ts';
import type { RequestFacts } from '../flows/request-facts.ts';
import { findSession, type CurrentSession } from './lookup.ts';
import { traceWhoamiRefused } from './trace-whoami.ts';

export const noSession = (): SessionInactive =>
  new SessionInactive('No valid session credentials found in the request.', {
    reason: 'The request carried no session cookie, X-Session-Token or Authorization: Bearer token, or the session has ended or expired.',
    details: { hint: 'Log in again. Browsers must send the session cookie (fetch: credentials: "include"); apps send X-Session-Token.' },
  });

/** Where a browser completes the second factor: a login flow at aal2 that returns here afterwards. */
export const stepUpUrl = (ctx: IdentityContext, returnTo: string): string =>
  browserFlowUrl(ctx.config, 'login', { aal: 'aal2', return_to: returnTo });

/**
 * GET /sessions/whoami: the live session of the token, or 401 session_inactive. With
 * `session.whoami_required_aal: highest_available`, an aal1 session of an identity that has a second
 * factor is refused with 403 session_aal2_required and where to step up (docs/compatibility.md §2.4).
 * A refusal is stop 13 of the flow tracer (trace-whoami.ts).
 */
export const whoami = async (ctx: IdentityContext, token: string | undefined, returnTo = '', request?: RequestFacts): Promise<CurrentSession> => {
  const startedAt = ctx.now();
  const current = await findSession(ctx, token);
  if (current === undefined) {
    traceWhoamiRefused(ctx, { startedAt, errorCode: 'session_inactive', tokenSent: Boolean(token), aalRequired: 'aal1', request });
    throw noSession();
  }
  const { session, identity } = current;
  if (ctx.config.session.whoamiRequiredAal === 'highest_available' && session.authenticator_assurance_level === 'aal1' && hasSecondFactor(identity)) {
    traceWhoamiRefused(ctx, { startedAt, errorCode: 'session_aal2_required', tokenSent: true, current, aalRequired: 'aal2', request });
    const redirect = stepUpUrl(ctx, returnTo);
    throw new SessionAal2Required('Session does not fulfill the requested Authenticator Assurance Level.', {
      reason: 'This identity has a second factor set up, and the configuration requires the highest available level: complete the second factor.',
      details: { redirect_browser_to: redirect, hint: 'Send the browser to redirect_browser_to (a login flow with aal=aal2).' },
      extra: { redirect_browser_to: redirect },
    });
  }
  return current;
};
