/**
 * Athena's own session on the admin origin: a cookie sealed with AES-256-GCM (nothing stored), HttpOnly,
 * SameSite=Strict, Secure and `__Host-` outside dev. It names the identity, the OAuth2 authentication
 * session it came from (so signing out anywhere ends it), a CSRF secret for every form, and its times
 * for the idle and absolute timeouts (athena.session.*), checked on every request (docs/security.md AS-48).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import type { Sealer } from '@olympus/crypto';
import { readCookies, setCookies, type CookiePolicy } from '@olympus/http';

export const SESSION_COOKIE = 'athena_session';
const PURPOSE = 'athena:session';

export interface AthenaSession {
  /** The identity id (the ID token's `sub`). */
  subject: string;
  /** The OAuth2 authentication session (`sid`). */
  sid: string;
  /** The level the sign-in reached (`acr`): aal1 or aal2. */
  acr: string;
  csrf: string;
  createdAt: number;
  seenAt: number;
}

export const policyOf = (config: OlympusConfig): CookiePolicy => ({ secure: config.serve.cookies.secure, sameSite: 'Strict' });

/** The session this request carries, when it is well-formed and inside both timeouts. */
export const readSession = (req: FastifyRequest, config: OlympusConfig, sealer: Sealer, now: number): AthenaSession | undefined => {
  const sealed = readCookies(req, policyOf(config))[SESSION_COOKIE];
  const opened = sealed ? sealer.open(sealed, PURPOSE) : undefined;
  if (opened === undefined) return undefined;
  const session = JSON.parse(opened) as AthenaSession;
  const { idleTimeout, lifespan } = config.athena.session;
  if (now - session.seenAt > idleTimeout || now - session.createdAt > lifespan) return undefined;
  return session;
};

/** Sets (or refreshes, moving `seenAt`) the session cookie; a browser-session cookie bounded by the lifespan. */
export const writeSession = (reply: FastifyReply, config: OlympusConfig, sealer: Sealer, session: AthenaSession): void => {
  const value = sealer.seal(JSON.stringify(session), PURPOSE);
  const remaining = Math.max(1, Math.floor((session.createdAt + config.athena.session.lifespan - session.seenAt) / 1000));
  setCookies(reply, [{ name: SESSION_COOKIE, value, path: '/', maxAgeSeconds: remaining }], policyOf(config));
};

export const clearSession = (reply: FastifyReply, config: OlympusConfig): void =>
  setCookies(reply, [{ name: SESSION_COOKIE, value: '', path: '/', maxAgeSeconds: 0 }], policyOf(config));
