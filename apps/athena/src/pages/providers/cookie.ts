/**
 * The dry run's record between the start and the provider's callback: state, nonce, PKCE verifier and
 * the console session it belongs to, sealed (AES-GCM) in a cookie of this browser. SameSite=Lax, as
 * Athena's sign-in cookie (session/sign-in.ts): the provider's redirect back is a top-level navigation
 * from its site. Ten minutes, and used once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OlympusConfig } from '@olympus/config';
import type { Sealer } from '@olympus/crypto';
import { readCookies, setCookies } from '@olympus/http';
import type { DryRunRecord } from '@olympus/identity';
import { dryRunStartPath } from './paths.ts';

const COOKIE = 'athena_dry_run';
const PURPOSE = 'athena:oidc-dry-run';
export const DRY_RUN_SECONDS = 10 * 60;

const lax = (config: OlympusConfig) => ({ secure: config.serve.cookies.secure, sameSite: 'Lax' as const });

export const writeDryRunCookie = (reply: FastifyReply, config: OlympusConfig, sealer: Sealer, record: DryRunRecord): void =>
  setCookies(reply, [{ name: COOKIE, value: sealer.seal(JSON.stringify(record), PURPOSE), path: dryRunStartPath(record.provider), maxAgeSeconds: DRY_RUN_SECONDS }], lax(config));

/** The record, if the cookie came back and opens; the cookie is cleared either way. */
export const takeDryRunCookie = (req: FastifyRequest, reply: FastifyReply, config: OlympusConfig, sealer: Sealer, providerId: string): DryRunRecord | undefined => {
  const sealed = readCookies(req, lax(config))[COOKIE];
  setCookies(reply, [{ name: COOKIE, value: '', path: dryRunStartPath(providerId), maxAgeSeconds: 0 }], lax(config));
  const opened = sealed ? sealer.open(sealed, PURPOSE) : undefined;
  return opened === undefined ? undefined : (JSON.parse(opened) as DryRunRecord);
};
