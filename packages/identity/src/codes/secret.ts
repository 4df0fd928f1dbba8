/**
 * Making and hashing code values. Six digits carry ~20 bits (ASVS 5.0 6.5.4's floor for OOB codes);
 * a guess is one of a million and a flow allows a handful of them (verify.ts). The keyed hash binds
 * the code to its flow, so a code is worthless in any other flow and a database dump reveals no code
 * without the system secret.
 */
import { randomInt } from 'node:crypto';
import { constantTimeEqual, randomToken } from '@olympus/crypto';
import type { IdentityContext } from '../context.ts';

const PURPOSE = 'identity-one-time-code';

/** Mailed codes: 6 digits. Codes an admin hands out live longer and get 8. */
export const MAILED_CODE_DIGITS = 6;
export const ADMIN_CODE_DIGITS = 8;

/** Uniformly random digits from the CSPRNG (crypto.randomInt has no modulo bias). */
export const newCodeValue = (digits: number = MAILED_CODE_DIGITS): string =>
  String(randomInt(0, 10 ** digits)).padStart(digits, '0');

export const codeHash = (ctx: Pick<IdentityContext, 'hasher'>, flowId: string, value: string): string =>
  ctx.hasher.hash(`${flowId}\0${value}`, PURPOSE);

/** A hash no submitted code can ever produce: the stand-in for an address without an account. */
export const unmatchableHash = (ctx: Pick<IdentityContext, 'hasher'>, flowId: string): string =>
  ctx.hasher.hash(`${flowId}\0unmatchable\0${randomToken()}`, PURPOSE);

/**
 * True when `submitted` is the code behind `hash`, under any current or older system secret.
 * Every candidate is compared, in constant time, whatever matched first.
 */
export const codeMatches = (ctx: Pick<IdentityContext, 'hasher'>, flowId: string, submitted: string, hash: string): boolean => {
  let match = false;
  for (const candidate of ctx.hasher.candidates(`${flowId}\0${submitted}`, PURPOSE)) match = constantTimeEqual(candidate, hash) || match;
  return match;
};

/** Codes are digits; people paste them with spaces or dashes ("123 456"), which are dropped. */
export const normalizeSubmittedCode = (raw: string): string => raw.replace(/[\s-]/g, '');
