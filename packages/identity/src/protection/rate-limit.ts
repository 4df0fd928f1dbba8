/**
 * Rate limits on requests that cost the server or a third party something: sending a code by email
 * (per address and per client IP) and registering (per client IP). Counted in the database in fixed
 * windows, so every node shares the count. A refused request is answered 429 too_many_requests with
 * Retry-After (JSON, native apps) or with its flow and a message (server-rendered browsers).
 */
import type { IdentityContext } from '../context.ts';
import { TooManyRequests } from '../errors.ts';
import type { SelfServiceFlow } from '../flows/flow.ts';
import { messages } from '../ui/messages.ts';
import { normalizeIdentifier } from '../schemas/traits.ts';
import { rateLimitKey } from './keys.ts';
import { CODE_REQUESTS_PER_ADDRESS, CODE_REQUESTS_PER_IP } from './policy.ts';
import { sweepExpiredCounters } from './sweep.ts';

export type RateLimitDecision =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request against `key` (any string; e.g. from rateLimitKey()) and says whether it stays
 * within `limit` requests per `windowMs`. The window opens at the first request and does not move.
 */
export const checkRateLimit = async (ctx: IdentityContext, key: string, limit: number, windowMs: number): Promise<RateLimitDecision> => {
  const now = ctx.now();
  const [state] = await ctx.storage.protection.hit([{ key, add: 1, limit, windowMs }], now, 'fixed');
  await sweepExpiredCounters(ctx);
  if (state === undefined || state.hits <= limit) return { allowed: true, remaining: Math.max(0, limit - (state?.hits ?? 0)) };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((state.expiresAt - now) / 1000)) };
};

/** The stricter of several limits: the first refusal, else allowed. Every limit counts the request. */
const strictest = (decisions: RateLimitDecision[]): RateLimitDecision =>
  decisions.find((d) => !d.allowed) ?? { allowed: true, remaining: Math.min(...decisions.map((d) => (d.allowed ? d.remaining : 0))) };

/**
 * A recovery or verification code about to be sent to `address` at the request of `ip`: at most 5
 * per address and 50 per IP in 15 minutes (mail bombing, and spraying codes over many addresses).
 * The answer does not depend on whether the address has an account (ID-6).
 */
export const limitCodeRequests = async (ctx: IdentityContext, req: { address: string; ip: string }): Promise<RateLimitDecision> => {
  const { limit: perAddress, windowMs: addressWindow } = CODE_REQUESTS_PER_ADDRESS;
  const { limit: perIp, windowMs: ipWindow } = CODE_REQUESTS_PER_IP;
  return strictest([
    await checkRateLimit(ctx, rateLimitKey(ctx, 'code:address', normalizeIdentifier(req.address)), perAddress, addressWindow),
    await checkRateLimit(ctx, rateLimitKey(ctx, 'code:ip', req.ip), perIp, ipWindow),
  ]);
};

/** 429 too_many_requests; `flow_id` in details lets a browser be sent back to the flow (http render.ts). */
export const tooManyRequests = (retryAfterSeconds: number, flowId?: string): TooManyRequests =>
  new TooManyRequests('Too many requests; wait before trying again.', {
    reason: `This was asked for too often in a short time. Retry after ${retryAfterSeconds} seconds.`,
    details: {
      retry_after_seconds: retryAfterSeconds,
      ...(flowId ? { flow_id: flowId } : {}),
      hint: 'Wait for the time in the Retry-After header; see docs/operations/protection.md for the limits.',
    },
  });

/**
 * A refused flow submission: the flow is stored with the "too many requests" message (what a
 * server-rendered browser is shown) and the 429 error returned for the caller to throw (what JSON
 * clients and native apps get).
 */
export const rateLimitedFlow = async (ctx: IdentityContext, flow: SelfServiceFlow, retryAfterSeconds: number): Promise<TooManyRequests> => {
  const next: SelfServiceFlow = {
    ...flow,
    ui: { ...flow.ui, messages: [messages.tooManyRequests(retryAfterSeconds)] },
    internal: { ...flow.internal, updatedAt: ctx.now() },
  };
  await ctx.storage.flows.updateFlow(next);
  ctx.log.info({ flow_id: flow.id, kind: flow.kind, retry_after_seconds: retryAfterSeconds, trace_id: flow.internal.traceId }, `${flow.kind} submission rate-limited`);
  return tooManyRequests(retryAfterSeconds, flow.id);
};
