import type { IdentityContext } from '../context.ts';
import type { Identity } from '../identities/identity.ts';
import type { Session } from './session.ts';
import { sessionTokenCandidates } from './token.ts';

export interface CurrentSession {
  session: Session;
  identity: Identity;
}

/** Active, not expired (docs/security.md ID-12: the absolute timeout is `session.lifespan`). */
export const isLive = (session: Session, now: number): boolean => session.active && Date.parse(session.expires_at) > now;

/**
 * The live session a token (cookie, X-Session-Token or Bearer) stands for, with its identity; undefined
 * when the token is unknown, the session ended or expired, or the identity is gone or inactive.
 */
export const findSession = async (ctx: IdentityContext, token: string | undefined): Promise<CurrentSession | undefined> => {
  if (!token) return undefined;
  let session: Session | undefined;
  for (const hash of sessionTokenCandidates(ctx, token)) {
    session = await ctx.storage.sessions.getSessionByTokenHash(hash);
    if (session !== undefined) break;
  }
  if (session === undefined || !isLive(session, ctx.now())) return undefined;
  const identity = await ctx.storage.identities.getIdentity(session.identity_id);
  if (identity === undefined || identity.state !== 'active') return undefined;
  return { session, identity };
};
