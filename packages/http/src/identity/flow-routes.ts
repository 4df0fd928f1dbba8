/**
 * The GET-flow and submit handlers login and registration share (docs/compatibility.md §2.1): same CSRF
 * reading, same negotiation, only the flow kind and the submit function differ.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { getFlowForUi, startSessionTokenExchange, toWire, type IdentityContext, type SelfServiceFlow, type SubmitOutcome, type SubmitRequest } from '@olympus/identity';
import { readCsrfCookie } from './csrf-cookie.ts';
import { answerError, bodyOf, q, wantsJson } from './render.ts';
import { currentSession } from './session-cookie.ts';
import { answerSubmit } from './submit-answer.ts';
import { submitRequestOf } from './submit-request.ts';

type CurrentSession = Awaited<ReturnType<typeof currentSession>>;
type Submit = (ctx: IdentityContext, flowId: string | undefined, body: unknown, req: SubmitRequest & { current?: CurrentSession }) => Promise<SubmitOutcome>;

export const getFlowHandler = (ctx: IdentityContext, kind: 'login' | 'registration') =>
  async (req: FastifyRequest, reply: FastifyReply) => {
    const flow = await getFlowForUi(ctx, kind, q(req, 'id'), readCsrfCookie(req, ctx.config));
    return reply.header('cache-control', 'no-store').send(toWire(flow));
  };

export const submitHandler = (ctx: IdentityContext, kind: 'login' | 'registration', submit: Submit) =>
  async (req: FastifyRequest, reply: FastifyReply) => {
    const flowId = q(req, 'flow');
    const json = wantsJson(req);
    // Read once: its type says how to answer, and the submission uses the same read (no second one).
    const flow = flowId ? await ctx.storage.flows.getFlow(flowId) : undefined;
    const type = flow?.type ?? (json ? 'api' : 'browser');
    try {
      const body = bodyOf(req);
      const outcome = await submit(ctx, flowId, body, { ...submitRequestOf(ctx, req, body), current: await currentSession(ctx, req), flow });
      return answerSubmit(ctx, req, reply, outcome, { type, json, withIdentity: kind === 'registration' });
    } catch (err) {
      return answerError(ctx, req, reply, err, { redirect: type === 'browser' && !json, kind });
    }
  };

/**
 * A native flow as created: with `return_session_token_exchange_code=true`, Kratos' init code of the
 * session-token exchange (`session_token_exchange_code`), shown in this answer only.
 */
export const nativeFlowWire = async (ctx: IdentityContext, req: FastifyRequest, flow: SelfServiceFlow) => {
  const code = q(req, 'return_session_token_exchange_code') === 'true' ? await startSessionTokenExchange(ctx, flow) : undefined;
  return code === undefined ? toWire(flow) : { ...toWire(flow), session_token_exchange_code: code };
};
