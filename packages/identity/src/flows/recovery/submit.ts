/**
 * POST /self-service/recovery?flow= with method `code` (docs/compatibility.md §2.1): `{email}` mails a code
 * to a recovery address (the same answer for an unknown one, ID-6), `{code}` recovers the account.
 */
import type { IdentityContext } from '../../context.ts';
import { runCodeSubmission } from '../../codes/submit.ts';
import { completeRecovery } from './complete.ts';
import type { RecoveryOutcome, RecoverySubmitRequest } from './outcome.ts';
import { recoverySpec } from './spec.ts';

export const submitRecovery = async (
  ctx: IdentityContext,
  flowId: string | undefined,
  rawBody: unknown,
  req: RecoverySubmitRequest,
): Promise<RecoveryOutcome> => {
  const step = await runCodeSubmission(ctx, recoverySpec, flowId, rawBody, req);
  if (step.kind === 'answer') return { kind: 'flow', flow: step.flow, status: step.status };
  return completeRecovery(ctx, step.flow, step.code, step.body, req);
};
