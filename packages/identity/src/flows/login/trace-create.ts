/**
 * Stop 3 of the flow tracer (docs/operations/tracing.md): an identity login flow created (browser or
 * api) for a login request or on its own, or refused at creation (a session that is already there,
 * a step-up without a first session, a return_to that is not allowed, a handled login challenge),
 * with the facts that explain it: the flow type, the AAL and refresh asked for, the session the
 * request came with and its AAL, and whether it served an OAuth2 login challenge.
 */
import { randomUUID } from 'node:crypto';
import { OAuth2Error } from '@olympus/oauth2';
import type { IdentityContext } from '../../context.ts';
import { IdentityError } from '../../errors.ts';
import type { SelfServiceFlow } from '../flow.ts';
import type { LoginFlowParams } from './create.ts';
import { traceIdOf } from './trace-submit.ts';

const evidenceOf = (p: LoginFlowParams, requestedAal: string) => ({
  flow_type: p.type,
  requested_aal: requestedAal,
  refresh: p.refresh === true,
  session_present: p.current !== undefined,
  session_aal: p.current?.session.authenticator_assurance_level ?? null,
  login_challenge_present: Boolean(p.loginChallenge),
});

export const traceLoginFlowCreated = (ctx: IdentityContext, flow: SelfServiceFlow, p: LoginFlowParams, startedAt: number): void => {
  ctx.trace?.({
    traceId: traceIdOf(flow), stop: 'login_flow_created', outcome: 'ok', startedAt, durationMs: ctx.now() - startedAt,
    requestId: p.request?.requestId, flowId: flow.id, challengeId: flow.oauth2LoginChallenge || undefined,
    clientId: flow.internal.oauth2Request?.clientId, identityId: flow.identityId || undefined,
    evidence: evidenceOf(p, flow.requestedAal),
  });
};

/** The OAuth2 flow a refused creation belonged to, when its challenge can still be read (the refusal path only). */
const loginRequestOf = async (ctx: IdentityContext, challenge: string | undefined) => {
  if (!challenge) return undefined;
  try {
    return (await ctx.oauth2.getLoginRequest(challenge)).request;
  } catch {
    return undefined;
  }
};

/** A creation refused: the identity or OAuth2 error as error code; anything else is Olympus failing. */
export const traceLoginFlowRefused = async (ctx: IdentityContext, p: LoginFlowParams, err: unknown, startedAt: number): Promise<void> => {
  if (ctx.trace === undefined) return;
  const code = err instanceof IdentityError ? err.id : err instanceof OAuth2Error ? err.error : undefined;
  const request = await loginRequestOf(ctx, p.loginChallenge);
  ctx.trace({
    // No flow was made: the OAuth2 flow's trace when there is one, else a trace of this request.
    traceId: request?.traceId || p.request?.requestId || randomUUID(), stop: 'login_flow_created',
    outcome: code === undefined ? 'error' : 'refused', errorCode: code ?? 'internal_server_error', startedAt, durationMs: ctx.now() - startedAt,
    requestId: p.request?.requestId, challengeId: p.loginChallenge || undefined, clientId: request?.clientId,
    identityId: p.current?.identity.id,
    evidence: evidenceOf(p, (p.aal || 'aal1').slice(0, 16)),
  });
};
