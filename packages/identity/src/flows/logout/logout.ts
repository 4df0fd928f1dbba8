/**
 * Logout (docs/compatibility.md §2.1): browsers first ask for a logout URL (GET /self-service/logout/browser),
 * whose token names their session sealed under the system secrets, then follow it; native apps
 * revoke their session token directly. Logout ends the session server-side (docs/security.md ID-11).
 */
import type { IdentityContext } from '../../context.ts';
import { BadRequest, SessionInactive } from '../../errors.ts';
import { checkReturnTo } from '../../return-to.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import { findSession } from '../../sessions/lookup.ts';
import { noSession } from '../../sessions/whoami.ts';

const PURPOSE = 'identity-logout';

export interface LogoutUrl {
  logout_url: string;
  logout_token: string;
}

/** GET /self-service/logout/browser: requires the session; return_to is checked now, not at the end. */
export const createLogoutUrl = (ctx: IdentityContext, current: CurrentSession | undefined, returnTo: string | undefined): LogoutUrl => {
  if (current === undefined) throw noSession();
  const checked = checkReturnTo(ctx.config, returnTo);
  const token = ctx.sealer.seal(JSON.stringify({ sid: current.session.id }), PURPOSE);
  const url = new URL('/self-service/logout', ctx.config.serve.public.url);
  url.searchParams.set('token', token);
  if (checked) url.searchParams.set('return_to', checked);
  return { logout_url: url.toString(), logout_token: token };
};

const badToken = (): BadRequest =>
  new BadRequest('The logout token is invalid.', {
    reason: 'The token is missing, altered, or was issued by another Olympus; ask /self-service/logout/browser for a new logout URL.',
  });

/**
 * GET /self-service/logout?token=: ends the session the token names and returns where the browser
 * goes next (return_to, else the default browser return URL).
 */
export const performBrowserLogout = async (ctx: IdentityContext, token: string | undefined, returnTo: string | undefined): Promise<string> => {
  const opened = token ? ctx.sealer.open(token, PURPOSE) : undefined;
  if (opened === undefined) throw badToken();
  const { sid } = JSON.parse(opened) as { sid: string };
  const checked = checkReturnTo(ctx.config, returnTo);
  const session = await ctx.storage.sessions.getSession(sid);
  if (session !== undefined) {
    await ctx.storage.sessions.revokeSession(sid, ctx.now());
    ctx.log.info({ session_id: sid, identity_id: session.identity_id }, 'browser logout');
  }
  return checked || ctx.config.selfservice.defaultBrowserReturnUrl;
};

/** DELETE /self-service/logout/api {session_token}: 401 session_inactive for a token that is not live. */
export const performNativeLogout = async (ctx: IdentityContext, sessionToken: unknown): Promise<void> => {
  if (typeof sessionToken !== 'string' || sessionToken === '') {
    throw new BadRequest('The request body must carry session_token.', { reason: 'Send {"session_token": "<the token from the login answer>"}.' });
  }
  const current = await findSession(ctx, sessionToken);
  if (current === undefined) throw new SessionInactive('No active session was found for this session token.', { reason: 'The token is unknown, or its session has already ended.' });
  await ctx.storage.sessions.revokeSession(current.session.id, ctx.now());
  ctx.log.info({ session_id: current.session.id, identity_id: current.identity.id }, 'native logout');
};
