/**
 * Sending a code starts with minting it: a fresh value, its keyed hash stored with the flow, the
 * address and the expiry, and every earlier code of the flow revoked, so only the newest mail works.
 */
import { randomUUID } from 'node:crypto';
import type { IdentityContext } from '../context.ts';
import type { CodeFlowKind, OneTimeCode } from './code.ts';
import { codeHash, newCodeValue, unmatchableHash } from './secret.ts';

/**
 * Codes never live longer than this, whatever `selfservice.methods.code.lifespan` says: a mailed code
 * is a bearer credential in someone's inbox (ASVS 5.0 6.6.3 asks for ≤ 10 minutes; Olympus' default
 * and ceiling are 15).
 */
export const MAX_CODE_LIFESPAN_MS = 15 * 60_000;

export const codeLifespan = (ctx: Pick<IdentityContext, 'config'>): number =>
  Math.min(ctx.config.selfservice.methods.code.lifespan, MAX_CODE_LIFESPAN_MS);

export interface CodeRequest {
  flowId: string;
  kind: CodeFlowKind;
  /** '' for an address without an account: a stand-in row no submission can match. */
  identityId: string;
  address: string;
  /** Defaults to codeLifespan(). */
  lifespanMs?: number;
  digits?: number;
}

export interface IssuedCode {
  /** The code to send; shown once, never stored. */
  value: string;
  code: OneTimeCode;
}

export const issueCode = async (ctx: IdentityContext, req: CodeRequest): Promise<IssuedCode> => {
  const now = ctx.now();
  const value = newCodeValue(req.digits);
  const hash = req.identityId === '' ? unmatchableHash(ctx, req.flowId) : codeHash(ctx, req.flowId, value);
  const code: OneTimeCode = {
    id: randomUUID(), flowId: req.flowId, kind: req.kind, identityId: req.identityId, address: req.address,
    codeHash: hash, expiresAt: now + (req.lifespanMs ?? codeLifespan(ctx)), createdAt: now, usedAt: null,
  };
  await ctx.storage.codes.revokeCodesOfFlow(req.flowId, now);
  await ctx.storage.codes.createCode(code);
  return { value, code };
};
