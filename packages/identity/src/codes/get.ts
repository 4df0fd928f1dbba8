import type { IdentityContext } from '../context.ts';
import type { SelfServiceFlow } from '../flows/flow.ts';
import { ensureNotExpired, loadFlow } from '../flows/lookup.ts';
import type { CodeFlowSpec } from './submit.ts';

/**
 * GET /self-service/{recovery,verification}/flows?id=: the flow for its UI, or 410 with its successor
 * when it expired. CSRF is checked on submit only, as for the other flows.
 */
export const getCodeFlow = async (ctx: IdentityContext, spec: CodeFlowSpec, id: string | undefined, csrfSecret: string | undefined): Promise<SelfServiceFlow> => {
  spec.checkEnabled(ctx);
  const flow = await loadFlow(ctx, spec.kind, id);
  await ensureNotExpired(ctx, flow, () => spec.recreate(ctx, flow, csrfSecret));
  return flow;
};
