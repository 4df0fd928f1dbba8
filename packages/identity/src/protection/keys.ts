/**
 * Counter keys. Identifiers, addresses and IPs are stored only as keyed hashes (HMAC under the
 * system secret): the counters table names nobody, and a database dump cannot be matched against a
 * list of emails. Identifiers are normalised as login normalises them, so `Ann@Example.com ` and
 * `ann@example.com` share one counter.
 */
import type { IdentityContext } from '../context.ts';
import { normalizeIdentifier } from '../schemas/traits.ts';

const PURPOSE = 'identity-protection';

/** The keyed hash of a value, as counters and log lines carry it. */
export const protectedHash = (ctx: IdentityContext, value: string): string => ctx.hasher.hash(value, PURPOSE);

/** The keyed hash of a typed identifier, normalised; log lines show its first 16 characters. */
export const identifierHash = (ctx: IdentityContext, identifier: string): string => protectedHash(ctx, normalizeIdentifier(identifier));

/** First-factor failures of one typed identifier (known or not: unknown ones lock out the same way). */
export const identifierKey = (hash: string): string => `login:identifier:${hash}`;

/** Second-factor failures (TOTP, lookup secrets) of one identity, whose id the session tells. */
export const identityKey = (identityId: string): string => `login:identity:${identityId}`;

/** Login failures from one client address. */
export const loginIpKey = (ctx: IdentityContext, ip: string): string => `login:ip:${protectedHash(ctx, ip)}`;

/** A named rate limit on one subject (`code:address`, `code:ip`, `registration:ip`, …). */
export const rateLimitKey = (ctx: IdentityContext, name: string, subject: string): string =>
  `rate:${name}:${protectedHash(ctx, subject)}`;
