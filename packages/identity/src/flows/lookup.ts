import type { IdentityContext } from '../context.ts';
import { FlowNotFound, SelfServiceFlowExpired } from '../errors.ts';
import type { FlowKind, SelfServiceFlow } from './flow.ts';

/**
 * The stored flow of that kind, or 404 (a registration flow id at the login endpoint is unknown there).
 * `read`: the same flow as this request already read it (SubmitRequest.flow), used instead of a second read.
 */
export const loadFlow = async (ctx: IdentityContext, kind: FlowKind, id: string | undefined, read?: SelfServiceFlow): Promise<SelfServiceFlow> => {
  const flow = read !== undefined && read.id === id ? read : id ? await ctx.storage.flows.getFlow(id) : undefined;
  if (flow === undefined || flow.kind !== kind) {
    throw new FlowNotFound('Unable to locate the resource.', {
      reason: id ? `No ${kind} flow with id "${id}" exists.` : `The ?flow= parameter (the ${kind} flow's id) is missing.`,
      details: { hint: `Create a new ${kind} flow and use its id.` },
    });
  }
  return flow;
};

/**
 * An expired flow is answered 410 with `use_flow_id`: the successor `recreate` makes, created here
 * so the UI can continue without a round trip (docs/compatibility.md §2.4).
 */
export const ensureNotExpired = async (
  ctx: IdentityContext,
  flow: SelfServiceFlow,
  recreate: () => Promise<SelfServiceFlow>,
): Promise<void> => {
  const now = ctx.now();
  if (flow.expiresAt > now) return;
  const successor = await recreate();
  const since = now - flow.expiresAt;
  ctx.log.info({ flow_id: flow.id, use_flow_id: successor.id, kind: flow.kind }, 'expired flow replaced');
  throw new SelfServiceFlowExpired(`The ${flow.kind} flow has expired; continue with the new flow.`, {
    reason: `The flow expired ${Math.round(since / 1000)} seconds ago.`,
    details: { use_flow_id: successor.id, hint: `Flows live selfservice.flows.${flow.kind}.lifespan; continue with use_flow_id.` },
    extra: { use_flow_id: successor.id, expired_at: new Date(flow.expiresAt).toISOString(), since: since * 1_000_000 },
  });
};
