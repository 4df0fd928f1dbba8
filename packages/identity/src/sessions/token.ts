import type { IdentityContext } from '../context.ts';

/**
 * The session token (cookie value and X-Session-Token alike) is a random 256-bit value; only its
 * keyed hash is stored, so a database dump yields no usable session (docs/security.md ID-8).
 */
const PURPOSE = 'identity-session';

export const sessionTokenHash = (ctx: IdentityContext, token: string): string => ctx.hasher.hash(token, PURPOSE);

/** Hashes under every system secret, current first, so sessions survive a secret rotation. */
export const sessionTokenCandidates = (ctx: IdentityContext, token: string): string[] => ctx.hasher.candidates(token, PURPOSE);
