/**
 * Ends this browser's OAuth2 authentication session (Hydra's remembered login) and clears its cookie,
 * announcing it to clients with a back-channel logout URI (OpenID Back-Channel Logout §2.5, in the
 * background). Every identity logout of a browser does this too: otherwise the next authorization
 * would be settled by `skip` with no login at all (docs/security.md ID-11).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearAuthSessionCookie, endBrowserAuthSession, type OAuth2Context } from '@olympus/oauth2';
import { deliverBackchannel } from './backchannel.ts';
import { cookiePolicyOf } from './cookie-policy.ts';
import { readCookies, setCookies } from './cookies.ts';

export const endOAuth2Session = async (ctx: OAuth2Context, req: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const policy = cookiePolicyOf(ctx.config);
  void deliverBackchannel(await endBrowserAuthSession(ctx, readCookies(req, policy), String(req.id)), req.log);
  setCookies(reply, [clearAuthSessionCookie()], policy);
};
