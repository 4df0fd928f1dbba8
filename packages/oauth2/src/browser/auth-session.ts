import type { OAuth2Context } from '../context.ts';
import type { AuthenticationSession } from '../tokens/records.ts';
import { AUTH_SESSION_COOKIE, AUTH_SESSION_COOKIE_PURPOSE, type CookieInstruction } from './instructions.ts';

/**
 * The browser's authentication session (Hydra's `ory_hydra_session`): the cookie holds the sealed
 * session id, the database holds subject, time of authentication and whether it is remembered.
 */
export const currentAuthSession = async (
  ctx: OAuth2Context,
  cookies: Record<string, string | undefined>,
): Promise<AuthenticationSession | undefined> => {
  const raw = cookies[AUTH_SESSION_COOKIE];
  if (!raw) return undefined;
  const id = ctx.sealer.open(raw, AUTH_SESSION_COOKIE_PURPOSE);
  if (!id) return undefined;
  const session = await ctx.storage.authSessions.getAuthenticationSession(id);
  if (!session || session.revokedAt !== null || session.expiresAt <= ctx.now()) return undefined;
  return session;
};

/**
 * `remember` with `remember_for` > 0 keeps the cookie that many seconds; `remember_for` 0 (or no
 * remember) gives a browser-session cookie — the sane reading of Hydra's semantics (docs/compatibility.md §5.1).
 */
export const authSessionCookie = (ctx: OAuth2Context, session: AuthenticationSession, rememberFor: number): CookieInstruction => ({
  name: AUTH_SESSION_COOKIE,
  value: ctx.sealer.seal(session.id, AUTH_SESSION_COOKIE_PURPOSE),
  path: '/',
  maxAgeSeconds: session.remember && rememberFor > 0 ? rememberFor : undefined,
});

export const clearAuthSessionCookie = (): CookieInstruction => ({ name: AUTH_SESSION_COOKIE, value: '', path: '/', maxAgeSeconds: 0 });

/** True while the authentication session `sid` is neither revoked nor expired (signing out anywhere ends it). */
export const isAuthSessionLive = async (ctx: OAuth2Context, sid: string): Promise<boolean> => {
  const session = sid ? await ctx.storage.authSessions.getAuthenticationSession(sid) : undefined;
  return session !== undefined && session.revokedAt === null && session.expiresAt > ctx.now();
};
