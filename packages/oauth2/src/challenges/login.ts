import { randomToken } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import type { Flow, LoginResult } from '../flows/flow.ts';
import { InvalidRequest } from '../errors.ts';
import { isPending, notPending, unknownChallenge, verifierUrl } from './handled.ts';
import { rejectionOf } from './reject.ts';
import type { AcceptLogin, ChallengeOutcome, LoginRequest, Rejection } from './requests.ts';
import { traceLoginRequestRead, traceLoginSettled, traceLoginSettleRefused, type ChallengeTrace } from './trace-login.ts';
import { loginRequestOf } from './views.ts';

/** The flow a challenge named, once found: what a refusal's trace tells of it. */
type Seen = { flow?: Flow };

const load = async (ctx: OAuth2Context, challenge: string, seen: Seen = {}): Promise<Flow> => {
  const flow = challenge ? await ctx.storage.flows.getFlowByLoginChallenge(challenge) : undefined;
  if (!flow) throw unknownChallenge('login');
  seen.flow = flow;
  return flow;
};

const describe = async (ctx: OAuth2Context, flow: Flow): Promise<LoginRequest> => loginRequestOf(flow, (await ctx.clients.get(flow.clientId))?.client);

/** Loads a login request that can still be handled, or throws 410 (handled.ts) / 404. */
const loadPending = async (ctx: OAuth2Context, challenge: string, seen: Seen = {}): Promise<Flow> => {
  const flow = await load(ctx, challenge, seen);
  if (!isPending(flow, 'login', ctx.now())) throw notPending(ctx, flow, { kind: 'login', request: await describe(ctx, flow) });
  return flow;
};

/** The pending login request (Hydra's GET …/requests/login), or 410 once handled. */
export const getLoginRequest = async (ctx: OAuth2Context, challenge: string): Promise<LoginRequest> =>
  describe(ctx, await loadPending(ctx, challenge));

/**
 * getLoginRequest for a login UI — Hera's /login or a custom UI through the admin API — whose read is
 * stop 2 of the trace (trace-login.ts). The identity server's own reads are no stop.
 */
export const getLoginRequestForUi = async (ctx: OAuth2Context, challenge: string, requestId?: string): Promise<LoginRequest> => {
  const trace: ChallengeTrace = { startedAt: ctx.now(), challenge, requestId };
  const seen: Seen = {};
  try {
    const request = await describe(ctx, await loadPending(ctx, challenge, seen));
    traceLoginRequestRead(ctx, trace, seen.flow);
    return request;
  } catch (err) {
    traceLoginRequestRead(ctx, trace, seen.flow, err);
    throw err;
  }
};

const checkSubject = (flow: Flow, input: AcceptLogin): void => {
  if (!input.subject) throw new InvalidRequest('The field "subject" is required: it names the user who logged in.');
  if (flow.loginSkip && input.subject !== flow.skipSubject) {
    throw new InvalidRequest('The login request has skip=true, so it must be accepted with the subject of the remembered session.', {
      hint: `Accept with subject "${flow.skipSubject}", or start a fresh login with prompt=login to switch users.`,
    });
  }
  if (input.extendSessionLifespan && !flow.loginSkip) throw new InvalidRequest('extend_session_lifespan is only allowed when the login request has skip=true.');
};

/** Runs an accept or reject; a refusal is stop 5 refused, with the flow as it was found. */
const settling = async (ctx: OAuth2Context, challenge: string, work: (seen: Seen, trace: ChallengeTrace) => Promise<ChallengeOutcome>): Promise<ChallengeOutcome> => {
  const trace: ChallengeTrace = { startedAt: ctx.now(), challenge };
  const seen: Seen = {};
  try {
    return await work(seen, trace);
  } catch (err) {
    traceLoginSettleRefused(ctx, trace, seen.flow, err);
    throw err;
  }
};

/** The login UI authenticated `subject` (Hydra's AcceptOAuth2LoginRequest). */
export const acceptLoginRequest = async (ctx: OAuth2Context, challenge: string, input: AcceptLogin): Promise<ChallengeOutcome> =>
  settling(ctx, challenge, async (seen, trace) => {
    const flow = await loadPending(ctx, challenge, seen);
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
    const outcome = await settle(ctx, seen, { ...flow, state: 'login_accepted', login, loginVerifier: randomToken(32) }, 'accepted');
    traceLoginSettled(ctx, trace, flow, { login });
    return outcome;
  });

/** The login failed or the user cancelled; the client gets the error. */
export const rejectLoginRequest = async (ctx: OAuth2Context, challenge: string, input: Rejection): Promise<ChallengeOutcome> =>
  settling(ctx, challenge, async (seen, trace) => {
    const flow = await loadPending(ctx, challenge, seen);
    const next: Flow = { ...flow, state: 'login_rejected', loginError: rejectionOf(input), loginVerifier: randomToken(32) };
    const outcome = await settle(ctx, seen, next, 'rejected');
    traceLoginSettled(ctx, trace, flow, { rejection: next.loginError! });
    return outcome;
  });

const settle = async (ctx: OAuth2Context, seen: Seen, settled: Flow, outcome: string): Promise<ChallengeOutcome> => {
  const flow = seen.flow!;
  const next: Flow = { ...settled, loginHandledAt: ctx.now() };
  if (!(await ctx.storage.flows.updateFlow(next, 'login_pending', flow))) {
    const current = (await ctx.storage.flows.getFlow(flow.id)) ?? flow;
    seen.flow = current;
    throw notPending(ctx, current, { kind: 'login', request: await describe(ctx, current) });
  }
  ctx.log.info(
    { trace_id: flow.traceId, flow_id: flow.id, challenge_id: flow.loginChallenge, client_id: flow.clientId, subject: next.login?.subject, error: next.loginError?.error },
    `login request ${outcome}`,
  );
  return { redirectTo: verifierUrl(ctx, 'login', next.loginVerifier!) };
};
