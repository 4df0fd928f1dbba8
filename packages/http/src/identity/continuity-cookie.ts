/**
 * The social sign-in continuity cookie (packages/identity/src/strategies/oidc/continuity.ts): set when
 * a submission sends the browser to a provider, read and removed at the callback. SameSite=Lax like
 * the CSRF cookie, since the provider sends the browser back with a top-level GET; Secure and
 * `__Host-` outside dev (docs/security.md ID-21).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import { CONTINUITY_COOKIE, type StrategyRedirect } from '@olympus/identity';
import { readCookies, setCookies, type CookiePolicy } from '../cookies.ts';

const policy = (config: OlympusConfig): CookiePolicy => ({ secure: config.serve.cookies.secure, sameSite: 'Lax' });

/** A native app's round trip has no cookie to set: its flow keeps the record (strategies/oidc/native-continuity.ts). */
export const setContinuityCookie = (reply: FastifyReply, config: OlympusConfig, redirect: StrategyRedirect, now: number): void => {
  if (redirect.continuity === '') return;
  const maxAgeSeconds = Math.max(1, Math.ceil((redirect.continuityExpiresAt - now) / 1000));
  setCookies(reply, [{ name: CONTINUITY_COOKIE, value: redirect.continuity, path: '/', maxAgeSeconds }], policy(config));
};

export const readContinuityCookie = (req: FastifyRequest, config: OlympusConfig): string | undefined =>
  readCookies(req, policy(config))[CONTINUITY_COOKIE] || undefined;

/** One round trip, one use: the callback removes the record whatever its outcome. */
export const clearContinuityCookie = (reply: FastifyReply, config: OlympusConfig): void =>
  setCookies(reply, [{ name: CONTINUITY_COOKIE, value: '', path: '/', maxAgeSeconds: 0 }], policy(config));
