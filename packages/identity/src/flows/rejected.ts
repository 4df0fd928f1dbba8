import type { IdentityContext } from '../context.ts';
import type { FlowValidationError } from '../strategies/strategy.ts';
import type { FlowBody } from './body.ts';
import type { SelfServiceFlow } from './flow.ts';
import { echoable, uiAfterError } from './form-state.ts';
import type { SubmitOutcome } from './outcome.ts';

/**
 * A refused submission: the flow is stored again with the typed values and the messages, and
 * answered as 400 + flow (or a 303 back to its UI) — not as an error (docs/compatibility.md §2.4).
 */
export const rejected = async (
  ctx: IdentityContext,
  flow: SelfServiceFlow,
  body: FlowBody,
  err: FlowValidationError,
  method: string,
): Promise<SubmitOutcome> => {
  const next: SelfServiceFlow = {
    ...flow,
    active: method || flow.active,
    ui: echoable(uiAfterError(flow.ui, body, err)),
    internal: { ...flow.internal, updatedAt: ctx.now() },
  };
  await ctx.storage.flows.updateFlow(next);
  ctx.log.info({ flow_id: flow.id, kind: flow.kind, method, messages: err.messages.map((m) => m.id), trace_id: flow.internal.traceId }, `${flow.kind} submission refused`);
  return { kind: 'invalid', flow: next };
};
