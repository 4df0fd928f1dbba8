/**
 * Ending this browser's identity session (docs/security.md ID-11: logout ends the session
 * server-side, not only the cookie). The OAuth2 side is endOAuth2Session from @olympus/http.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { endMyCurrentSession, type IdentityContext } from '@olympus/identity';
import { clearSessionCookie, currentSession } from '@olympus/http';

/** Revokes the identity session this browser's cookie names (if live) and clears the cookie. */
export const endIdentitySession = async (identity: IdentityContext, req: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const current = await currentSession(identity, req);
  if (current !== undefined) await endMyCurrentSession(identity, current, 'Hera logout');
  clearSessionCookie(reply, identity.config);
};
