import { randomToken } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import type { Flow, LoginResult } from '../flows/flow.ts';
import { InvalidRequest } from '../errors.ts';
import { isPending, notPending, unknownChallenge, verifierUrl } from './handled.ts';
import { rejectionOf } from './reject.ts';
import type { AcceptLogin, ChallengeOutcome, LoginRequest, Rejection } from './requests.ts';
import { loginRequestOf } from './views.ts';

const load = async (ctx: OAuth2Context, challenge: string): Promise<Flow> => {
  const flow = challenge ? await ctx.storage.flows.getFlowByLoginChallenge(challenge) : undefined;
  if (!flow) throw unknownChallenge('login');
  return flow;
};

const describe = async (ctx: OAuth2Context, flow: Flow): Promise<LoginRequest> => loginRequestOf(flow, (await ctx.clients.get(flow.clientId))?.client);

/** Loads a login request that can still be handled, or throws 410 (handled.ts) / 404. */
const loadPending = async (ctx: OAuth2Context, challenge: string): Promise<Flow> => {
  const flow = await load(ctx, challenge);
  if (!isPending(flow, 'login', ctx.now())) throw notPending(ctx, flow, { kind: 'login', request: await describe(ctx, flow) });
  return flow;
};

/** The pending login request (Hydra's GET …/requests/login), or 410 once handled. */
export const getLoginRequest = async (ctx: OAuth2Context, challenge: string): Promise<LoginRequest> =>
  describe(ctx, await loadPending(ctx, challenge));

const checkSubject = (flow: Flow, input: AcceptLogin): void => {
  if (!input.subject) throw new InvalidRequest('The field "subject" is required: it names the user who logged in.');
  if (flow.loginSkip && input.subject !== flow.skipSubject) {
    throw new InvalidRequest('The login request has skip=true, so it must be accepted with the subject of the remembered session.', {
      hint: `Accept with subject "${flow.skipSubject}", or start a fresh login with prompt=login to switch users.`,
    });
  }
  if (input.extendSessionLifespan && !flow.loginSkip) throw new InvalidRequest('extend_session_lifespan is only allowed when the login request has skip=true.');
};

/** The login UI authenticated `subject` (Hydra's AcceptOAuth2LoginRequest). */
export const acceptLoginRequest = async (ctx: OAuth2Context, challenge: string, input: AcceptLogin): Promise<ChallengeOutcome> => {
  const flow = await loadPending(ctx, challenge);
  checkSubject(flow, input);
  const login: LoginResult = {
    subject: input.subject,
    sessionId: flow.proposedSessionId,
    authenticatedAt: ctx.now(),
    remember: input.remember ?? false,
    rememberFor: input.rememberFor ?? 0,
    acr: input.acr ?? '',
    amr: input.amr ?? [],
    context: input.context ?? {},
    extendSessionLifespan: input.extendSessionLifespan ?? false,
    identityProviderSessionId: input.identityProviderSessionId ?? '',
    forceSubjectIdentifier: input.forceSubjectIdentifier ?? '',
    completedInIdentitySession: input.completedInIdentitySession ?? '',
  };
  return settle(ctx, flow, { ...flow, state: 'login_accepted', login, loginVerifier: randomToken(32) }, 'accepted');
};

/** The login failed or the user cancelled; the client gets the error. */
export const rejectLoginRequest = async (ctx: OAuth2Context, challenge: string, input: Rejection): Promise<ChallengeOutcome> => {
  const flow = await loadPending(ctx, challenge);
  const next: Flow = { ...flow, state: 'login_rejected', loginError: rejectionOf(input), loginVerifier: randomToken(32) };
  return settle(ctx, flow, next, 'rejected');
};

const settle = async (ctx: OAuth2Context, flow: Flow, next: Flow, outcome: string): Promise<ChallengeOutcome> => {
  if (!(await ctx.storage.flows.updateFlow(next, 'login_pending'))) {
    const current = (await ctx.storage.flows.getFlow(flow.id)) ?? flow;
    throw notPending(ctx, current, { kind: 'login', request: await describe(ctx, current) });
  }
  ctx.log.info(
    { trace_id: flow.traceId, flow_id: flow.id, challenge_id: flow.loginChallenge, client_id: flow.clientId, subject: next.login?.subject, error: next.loginError?.error },
    `login request ${outcome}`,
  );
  return { redirectTo: verifierUrl(ctx, 'login', next.loginVerifier!) };
};
