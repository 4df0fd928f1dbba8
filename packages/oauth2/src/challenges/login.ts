import { randomToken } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import type { Flow, LoginResult } from '../flows/flow.ts';
import { InvalidRequest } from '../errors.ts';
import { asObject, optBool, optSeconds, optString, optStrings } from './body.ts';
import { isPending, notPending, unknownChallenge, verifierUrl } from './handled.ts';
import { rejectionOf } from './reject.ts';
import { loginRequestBody } from './shapes.ts';

const load = async (ctx: OAuth2Context, challenge: string): Promise<Flow> => {
  const flow = challenge ? await ctx.storage.flows.getFlowByLoginChallenge(challenge) : undefined;
  if (!flow) throw unknownChallenge('login');
  return flow;
};

const describe = async (ctx: OAuth2Context, flow: Flow) => loginRequestBody(flow, (await ctx.clients.get(flow.clientId))?.client);

/** GET /admin/oauth2/auth/requests/login: the pending login request, or 410 once handled. */
export const getLoginRequest = async (ctx: OAuth2Context, challenge: string) => {
  const flow = await load(ctx, challenge);
  const body = await describe(ctx, flow);
  if (!isPending(flow, 'login', ctx.now())) throw notPending(ctx, flow, 'login', body);
  return body;
};

/** PUT …/login/accept: the login UI authenticated `subject` (Hydra's AcceptOAuth2LoginRequest). */
export const acceptLoginRequest = async (ctx: OAuth2Context, challenge: string, rawBody: unknown) => {
  const flow = await load(ctx, challenge);
  if (!isPending(flow, 'login', ctx.now())) throw notPending(ctx, flow, 'login', await describe(ctx, flow));
  const body = asObject(rawBody);
  const subject = optString(body, 'subject');
  if (!subject) throw new InvalidRequest('The field "subject" is required: it names the user who logged in.');
  if (flow.loginSkip && subject !== flow.skipSubject) {
    throw new InvalidRequest('The login request has skip=true, so it must be accepted with the subject of the remembered session.', {
      hint: `Accept with subject "${flow.skipSubject}", or start a fresh login with prompt=login to switch users.`,
    });
  }
  const extend = optBool(body, 'extend_session_lifespan');
  if (extend && !flow.loginSkip) throw new InvalidRequest('extend_session_lifespan is only allowed when the login request has skip=true.');
  const login: LoginResult = {
    subject,
    sessionId: flow.proposedSessionId,
    authenticatedAt: ctx.now(),
    remember: optBool(body, 'remember'),
    rememberFor: optSeconds(body, 'remember_for'),
    acr: optString(body, 'acr'),
    amr: optStrings(body, 'amr'),
    context: asObject(body.context, 'context'),
    extendSessionLifespan: extend,
    identityProviderSessionId: optString(body, 'identity_provider_session_id'),
    forceSubjectIdentifier: optString(body, 'force_subject_identifier'),
  };
  return settle(ctx, flow, { ...flow, state: 'login_accepted', login, loginVerifier: randomToken(32) }, 'accepted');
};

/** PUT …/login/reject: the login failed or the user cancelled; the client gets the error. */
export const rejectLoginRequest = async (ctx: OAuth2Context, challenge: string, rawBody: unknown) => {
  const flow = await load(ctx, challenge);
  if (!isPending(flow, 'login', ctx.now())) throw notPending(ctx, flow, 'login', await describe(ctx, flow));
  const next: Flow = { ...flow, state: 'login_rejected', loginError: rejectionOf(asObject(rawBody)), loginVerifier: randomToken(32) };
  return settle(ctx, flow, next, 'rejected');
};

const settle = async (ctx: OAuth2Context, flow: Flow, next: Flow, outcome: string) => {
  if (!(await ctx.storage.flows.updateFlow(next, 'login_pending'))) {
    const current = (await ctx.storage.flows.getFlow(flow.id)) ?? flow;
    throw notPending(ctx, current, 'login', await describe(ctx, current));
  }
  ctx.log.info(
    { trace_id: flow.traceId, flow_id: flow.id, challenge_id: flow.loginChallenge, client_id: flow.clientId, subject: next.login?.subject, error: next.loginError?.error },
    `login request ${outcome}`,
  );
  return { redirect_to: verifierUrl(ctx, 'login', next.loginVerifier!) };
};
