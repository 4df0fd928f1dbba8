/**
 * Ending this browser's sign-in (security-checklist ID-11: logout ends the session server-side, not
 * only the cookie): the identity session of the session cookie, and for the account's "Sign out"
 * also the OAuth2 authentication session (Hydra's remembered login), without which the next
 * authorization would be settled by `skip` with no login at all.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityContext } from '@olympus/identity';
import { clearAuthSessionCookie, currentAuthSession, endAuthSession, type OAuth2Context } from '@olympus/oauth2';
import { clearSessionCookie, cookiePolicyOf, currentSession, deliverBackchannel, readCookies, setCookies } from '@olympus/http';

/** Revokes the identity session this browser's cookie names (if live) and clears the cookie. */
export const endIdentitySession = async (identity: IdentityContext, req: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const current = await currentSession(identity, req);
  if (current !== undefined) {
    await identity.storage.sessions.revokeSession(current.session.id, identity.now());
    identity.log.info({ session_id: current.session.id, identity_id: current.identity.id }, 'identity session ended by Hera logout');
  }
  clearSessionCookie(reply, identity.config);
};

/**
 * Ends the OAuth2 authentication session of this browser, announcing it to the clients that
 * registered a back-channel logout URI (OpenID Back-Channel Logout §2.5, in the background).
 */
export const endOAuth2Session = async (ctx: OAuth2Context, req: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const policy = cookiePolicyOf(ctx.config);
  const session = await currentAuthSession(ctx, readCookies(req, policy));
  if (session !== undefined) void deliverBackchannel(await endAuthSession(ctx, session.id), req.log);
  setCookies(reply, [clearAuthSessionCookie()], policy);
};
