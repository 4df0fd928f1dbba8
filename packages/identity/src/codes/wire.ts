/**
 * The JSON of recovery and verification flows: the common flow shape plus `continue_with`, which
 * these flows carry (docs/compatibility.md §2.3). A session token is never stored in a flow: native
 * apps get it in the submit answer only.
 */
import type { IdentityContext } from '../context.ts';
import type { ContinueWith } from '../flows/continue-with.ts';
import type { FlowKind, SelfServiceFlow } from '../flows/flow.ts';
import { toWire, type WireFlow } from '../flows/wire.ts';

export const continueWithOf = (flow: SelfServiceFlow): ContinueWith[] =>
  Array.isArray(flow.internal.continueWith) ? (flow.internal.continueWith as ContinueWith[]) : [];

export const codeFlowWire = (flow: SelfServiceFlow, extra: ContinueWith[] = []): WireFlow => ({
  ...toWire(flow),
  continue_with: [...extra, ...continueWithOf(flow)],
});

/** The UI page of a flow: `selfservice.flows.<kind>.ui_url?flow=<id>`. */
export const flowUiUrlOf = (ctx: Pick<IdentityContext, 'config'>, kind: FlowKind, flowId: string): string => {
  const url = new URL(ctx.config.selfservice.flows[kind].uiUrl, ctx.config.serve.public.url);
  url.searchParams.set('flow', flowId);
  return url.toString();
};
