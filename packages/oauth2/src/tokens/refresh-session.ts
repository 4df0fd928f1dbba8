import type { OAuth2Context } from '../context.ts';
import type { RefreshTokenRecord } from './records.ts';

/**
 * Without offline_access a refresh token lives only as long as the login session it came from
 * (OIDC Core §11): the refresh grant and introspection both ask this one question.
 */
export const loginSessionLive = async (ctx: OAuth2Context, record: RefreshTokenRecord): Promise<boolean> => {
  if (record.offline) return true;
  const id = record.session.sessionId;
  const login = id ? await ctx.storage.authSessions.getAuthenticationSession(id) : undefined;
  return login !== undefined && login.revokedAt === null && login.expiresAt > ctx.now();
};
