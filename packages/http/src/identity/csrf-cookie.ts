/**
 * The per-browser CSRF cookie of the self-service flows (packages/identity/src/csrf): HttpOnly,
 * SameSite=Lax whatever the session cookie's policy, Secure and `__Host-` outside dev
 * (docs/security.md ID-9, ID-10). It lives as long as the browser session.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import { CSRF_COOKIE, newCsrfSecret } from '@olympus/identity';
import { readCookies, setCookies, type CookiePolicy } from '../cookies.ts';

const csrfPolicy = (config: OlympusConfig): CookiePolicy => ({ secure: config.serve.cookies.secure, sameSite: 'Lax' });

export const readCsrfCookie = (req: FastifyRequest, config: OlympusConfig): string | undefined =>
  readCookies(req, csrfPolicy(config))[CSRF_COOKIE] || undefined;

/** The browser's CSRF secret; a new one is minted and set when the browser has none. */
export const ensureCsrfSecret = (req: FastifyRequest, reply: FastifyReply, config: OlympusConfig): string => {
  const existing = readCsrfCookie(req, config);
  if (existing) return existing;
  const secret = newCsrfSecret();
  setCookies(reply, [{ name: CSRF_COOKIE, value: secret, path: '/' }], csrfPolicy(config));
  return secret;
};

/** The submitted synchronizer token: the `csrf_token` field, else the X-CSRF-Token header. */
export const submittedCsrfToken = (req: FastifyRequest, body: Record<string, unknown>): string | undefined => {
  const field = body.csrf_token;
  if (typeof field === 'string' && field !== '') return field;
  const header = req.headers['x-csrf-token'];
  return typeof header === 'string' && header !== '' ? header : undefined;
};
