/**
 * Where a request's session comes from (docs/compatibility.md §2.1 whoami): the `X-Session-Token` header, an
 * `Authorization: Bearer` token, else the session cookie (`session.cookie_name`, HttpOnly, SameSite
 * per serve.cookies, Secure and `__Host-` outside dev — docs/security.md ID-9).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import type { IdentityContext, IssuedSession } from '@olympus/identity';
import { findSession, type CurrentSession } from '@olympus/identity';
import { readCookies, setCookies } from '../cookies.ts';
import { cookiePolicyOf } from '../cookie-policy.ts';

export const sessionTokenOf = (req: FastifyRequest, config: OlympusConfig): string | undefined => {
  const header = req.headers['x-session-token'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = req.headers.authorization ?? '';
  if (/^bearer /i.test(auth)) return auth.slice(7).trim() || undefined;
  return readCookies(req, cookiePolicyOf(config))[config.session.cookieName] || undefined;
};

export const currentSession = (ctx: IdentityContext, req: FastifyRequest): Promise<CurrentSession | undefined> =>
  findSession(ctx, sessionTokenOf(req, ctx.config));

export const setSessionCookie = (reply: FastifyReply, config: OlympusConfig, issued: IssuedSession): void => {
  const maxAgeSeconds = Math.floor(config.session.lifespan / 1000);
  setCookies(reply, [{ name: config.session.cookieName, value: issued.token, path: '/', maxAgeSeconds }], cookiePolicyOf(config));
};

export const clearSessionCookie = (reply: FastifyReply, config: OlympusConfig): void => {
  setCookies(reply, [{ name: config.session.cookieName, value: '', path: '/', maxAgeSeconds: 0 }], cookiePolicyOf(config));
};

export const deviceOf = (req: FastifyRequest): { ipAddress: string; userAgent: string } => ({
  ipAddress: req.ip,
  userAgent: String(req.headers['user-agent'] ?? ''),
});
