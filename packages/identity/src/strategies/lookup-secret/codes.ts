/**
 * Recovery codes (Kratos' lookup secrets): 12 codes of 8 base32 characters (40 random bits each,
 * far beyond online guessing), shown once and stored only as keyed hashes (HMAC under the system
 * secrets: high-entropy values need no password hash, docs/architecture.md §6). Each is usable once.
 */
import { Secret } from 'otpauth';
import type { IdentityContext } from '../../context.ts';
import type { Credential } from '../../identities/identity.ts';

export const LOOKUP_CODE_COUNT = 12;
const CODE_BYTES = 5;
const PURPOSE = 'lookup-secret';

export interface StoredLookupCode {
  code_hash: string;
  /** When the code was used to sign in; null while unused. */
  used_at: string | null;
}

export const newLookupCodes = (): string[] =>
  Array.from({ length: LOOKUP_CODE_COUNT }, () => new Secret({ size: CODE_BYTES }).base32.toLowerCase());

/** What a person types, as generated: case, spaces and dashes do not matter. */
export const normalizeLookupCode = (typed: string): string => typed.toLowerCase().replace(/[\s-]+/g, '');

export const hashLookupCode = (ctx: IdentityContext, code: string): string => ctx.hasher.hash(code, PURPOSE);

export const storedCodesOf = (credential: Credential | undefined): StoredLookupCode[] => {
  const codes = credential?.config.recovery_codes;
  if (!Array.isArray(codes)) return [];
  return codes.filter((c): c is StoredLookupCode => typeof c === 'object' && c !== null && typeof (c as StoredLookupCode).code_hash === 'string');
};

/** The index of the stored code the typed one matches (under any system secret, for rotation), or -1. */
export const findLookupCode = (ctx: IdentityContext, codes: readonly StoredLookupCode[], typed: string): number => {
  const candidates = new Set(ctx.hasher.candidates(normalizeLookupCode(typed), PURPOSE));
  return codes.findIndex((c) => candidates.has(c.code_hash));
};
