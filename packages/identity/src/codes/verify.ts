/**
 * Checking a submitted code (docs/security.md ID-16): at most `selfservice.methods.code.max_attempts`
 * submissions per flow — the count is taken atomically before comparing, so parallel guesses each use
 * one up — then the flow's codes are revoked for good. A match is compared in constant time, must be
 * live (unused, unexpired) and of this flow, and is used up by the one submission that claims it.
 */
import type { IdentityContext } from '../context.ts';
import type { CodeFlowKind, OneTimeCode } from './code.ts';
import { codeMatches, normalizeSubmittedCode } from './secret.ts';

export type CodeCheck =
  | { status: 'valid'; code: OneTimeCode }
  | { status: 'invalid'; submissions: number }
  /** Too many submissions: the flow's codes are revoked and no code works in it any more. */
  | { status: 'exhausted'; submissions: number };

export const checkCode = async (ctx: IdentityContext, flowId: string, kind: CodeFlowKind, submitted: string): Promise<CodeCheck> => {
  const now = ctx.now();
  const store = ctx.storage.codes;
  const submissions = await store.countSubmission(flowId, now);
  if (submissions > ctx.config.selfservice.methods.code.maxAttempts) {
    await store.revokeCodesOfFlow(flowId, now);
    return { status: 'exhausted', submissions };
  }
  const value = normalizeSubmittedCode(submitted);
  let found: OneTimeCode | undefined;
  // Every live code is compared, so the time taken does not tell which one matched.
  for (const code of await store.liveCodesOfFlow(flowId, now)) {
    if (codeMatches(ctx, flowId, value, code.codeHash) && code.kind === kind) found ??= code;
  }
  if (found !== undefined && found.identityId !== '' && (await store.useCode(found.id, now))) return { status: 'valid', code: found };
  return { status: 'invalid', submissions };
};
