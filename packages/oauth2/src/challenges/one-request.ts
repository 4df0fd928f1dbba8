/**
 * The reads of one HTTP request: a UI that reads its login or consent request and settles it in the
 * same request (Hera's skip: a remembered login or consent is accepted at once) reads the flow from
 * storage once, not twice. Only within that one request — another request may settle the challenge
 * meanwhile, which is why nothing is kept across requests — and a write drops what was read.
 * Settling stays single-use all the same: the compare-and-set on the flow's state
 * (FlowStore.updateFlow) decides it, not the read.
 */
import type { OAuth2Context } from '../context.ts';
import type { Flow } from '../flows/flow.ts';
import type { FlowStore } from '../ports.ts';

type FlowRead = (key: string) => Promise<Flow | undefined>;

export const forOneRequest = (ctx: OAuth2Context): OAuth2Context => {
  const flows = ctx.storage.flows;
  const seen = new Map<string, Promise<Flow | undefined>>();
  const once = (kind: string, read: FlowRead): FlowRead => (key) => {
    const id = `${kind}:${key}`;
    const known = seen.get(id);
    if (known !== undefined) return known;
    const reading = read(key);
    seen.set(id, reading);
    // A failed read is not kept: the next one asks storage again.
    reading.catch(() => seen.delete(id));
    return reading;
  };
  const oneRequestFlows: FlowStore = {
    ...flows,
    getFlowByLoginChallenge: once('login', (challenge) => flows.getFlowByLoginChallenge(challenge)),
    getFlowByConsentChallenge: once('consent', (challenge) => flows.getFlowByConsentChallenge(challenge)),
    updateFlow: (flow, expected, previous) => {
      seen.clear();
      return flows.updateFlow(flow, expected, previous);
    },
  };
  return { ...ctx, storage: { ...ctx.storage, flows: oneRequestFlows } };
};
