/**
 * Ending this browser's identity session (security-checklist ID-11: logout ends the session
 * server-side, not only the cookie). The OAuth2 side is endOAuth2Session from @olympus/http.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityContext } from '@olympus/identity';
import { clearSessionCookie, currentSession } from '@olympus/http';

/** Revokes the identity session this browser's cookie names (if live) and clears the cookie. */
export const endIdentitySession = async (identity: IdentityContext, req: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const current = await currentSession(identity, req);
  if (current !== undefined) {
    await identity.storage.sessions.revokeSession(current.session.id, identity.now());
    identity.log.info({ session_id: current.session.id, identity_id: current.identity.id }, 'identity session ended by Hera logout');
  }
  clearSessionCookie(reply, identity.config);
};
