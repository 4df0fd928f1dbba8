/**
 * Rate limits enforced at the HTTP edge, before a submission reaches the core: registration
 * submissions per client IP (each may cost an argon2id hash and create an account; the numbers are
 * in packages/identity/src/protection/policy.ts). Login needs none here: its failures are counted and
 * locked out in the core, on every path (protection/login-guard.ts). A refused submission is
 * answered 429 too_many_requests with Retry-After (JSON, native apps), or — a server-rendered
 * browser — with a 303 back to its flow, which now shows the "too many requests" message.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  REGISTRATIONS_PER_IP, checkRateLimit, rateLimitKey, rateLimitedFlow, tooManyRequests,
  type FlowKind, type IdentityContext,
} from '@olympus/identity';
import type { RegisterRoutes } from '../deps.ts';
import { answerError, q, wantsJson } from './render.ts';

interface SubmissionLimit {
  kind: FlowKind;
  path: string;
  name: string;
  limit: number;
  windowMs: number;
}

const LIMITS: readonly SubmissionLimit[] = [
  { kind: 'registration', path: '/self-service/registration', name: 'registration:ip', ...REGISTRATIONS_PER_IP },
];

const refuse = async (ctx: IdentityContext, req: FastifyRequest, reply: FastifyReply, limit: SubmissionLimit, retryAfterSeconds: number) => {
  const flowId = q(req, 'flow');
  const stored = flowId ? await ctx.storage.flows.getFlow(flowId) : undefined;
  const flow = stored?.kind === limit.kind ? stored : undefined;
  const browser = (flow?.type ?? (wantsJson(req) ? 'api' : 'browser')) === 'browser' && !wantsJson(req);
  const err = flow ? await rateLimitedFlow(ctx, flow, retryAfterSeconds) : tooManyRequests(retryAfterSeconds);
  if (!flow) ctx.log.info({ path: limit.path, retry_after_seconds: retryAfterSeconds }, 'submission rate-limited');
  return answerError(ctx, req, reply, err, { redirect: browser, kind: limit.kind });
};

export const registerSubmissionRateLimits: RegisterRoutes = (app, { identity: ctx }) => {
  if (ctx === undefined) return;
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST') return;
    const limit = LIMITS.find((l) => l.path === req.routeOptions.url);
    if (limit === undefined) return;
    const decision = await checkRateLimit(ctx, rateLimitKey(ctx, limit.name, req.ip), limit.limit, limit.windowMs);
    if (!decision.allowed) return refuse(ctx, req, reply, limit, decision.retryAfterSeconds);
  });
};
