import { randomToken } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import type { ConsentResult, Flow } from '../flows/flow.ts';
import { InvalidRequest } from '../errors.ts';
import { rememberedConsent } from '../authorize/consent-skip.ts';
import { isPending, notPending, unknownChallenge, verifierUrl } from './handled.ts';
import { rejectionOf } from './reject.ts';
import type { AcceptConsent, ChallengeOutcome, ConsentRequest, Rejection } from './requests.ts';
import { consentRequestOf } from './views.ts';

const load = async (ctx: OAuth2Context, challenge: string): Promise<Flow> => {
  const flow = challenge ? await ctx.storage.flows.getFlowByConsentChallenge(challenge) : undefined;
  if (!flow) throw unknownChallenge('consent');
  return flow;
};

const describe = async (ctx: OAuth2Context, flow: Flow): Promise<ConsentRequest> => consentRequestOf(flow, (await ctx.clients.get(flow.clientId))?.client);

const loadPending = async (ctx: OAuth2Context, challenge: string): Promise<Flow> => {
  const flow = await load(ctx, challenge);
  if (!isPending(flow, 'consent', ctx.now())) throw notPending(ctx, flow, { kind: 'consent', request: await describe(ctx, flow) });
  return flow;
};

/** The pending consent request (Hydra's GET …/requests/consent), or 410 once handled. */
export const getConsentRequest = async (ctx: OAuth2Context, challenge: string): Promise<ConsentRequest> =>
  describe(ctx, await loadPending(ctx, challenge));

const subset = (field: string, granted: string[], requested: string[]) => {
  const extra = granted.filter((s) => !requested.includes(s));
  if (extra.length > 0) {
    throw new InvalidRequest(`The field "${field}" grants ${extra.map((s) => `"${s}"`).join(', ')}, which the client did not request.`, {
      hint: 'Grant a subset of requested_scope / requested_access_token_audience from the consent request.',
    });
  }
};

/** The claims for the tokens: the UI's, or — when consent was skipped and it sent none — the remembered consent's. */
const claimsOf = async (ctx: OAuth2Context, flow: Flow, input: AcceptConsent): Promise<ConsentResult['session']> => {
  if (input.session) return { access_token: input.session.accessToken, id_token: input.session.idToken };
  const previous = flow.consentSkip ? await rememberedConsent(ctx, flow, flow.login!.subject, ctx.now()) : undefined;
  return previous?.consent?.session ?? { access_token: {}, id_token: {} };
};

/**
 * The user (or the UI for them) granted these scopes and audiences. When consent was skipped because
 * a remembered consent covers the request and the UI sends no session claims, the remembered claims
 * are replayed (docs/compatibility.md §5).
 */
export const acceptConsentRequest = async (ctx: OAuth2Context, challenge: string, input: AcceptConsent): Promise<ChallengeOutcome> => {
  const flow = await loadPending(ctx, challenge);
  const grantAudience = input.grantAudience ?? [];
  subset('grant_scope', input.grantScope, flow.request.scope);
  subset('grant_access_token_audience', grantAudience, flow.request.audience);
  const consent: ConsentResult = {
    grantScope: input.grantScope,
    grantAudience,
    remember: input.remember ?? false,
    rememberFor: input.rememberFor ?? 0,
    context: input.context ?? {},
    session: await claimsOf(ctx, flow, input),
    handledAt: ctx.now(),
  };
  return settle(ctx, flow, { ...flow, state: 'consent_accepted', consent, consentVerifier: randomToken(32) }, 'accepted');
};

/** The user denied; the client receives the error (e.g. access_denied). */
export const rejectConsentRequest = async (ctx: OAuth2Context, challenge: string, input: Rejection): Promise<ChallengeOutcome> => {
  const flow = await loadPending(ctx, challenge);
  const next: Flow = { ...flow, state: 'consent_rejected', consentError: rejectionOf(input), consentVerifier: randomToken(32) };
  return settle(ctx, flow, next, 'rejected');
};

const settle = async (ctx: OAuth2Context, flow: Flow, next: Flow, outcome: string): Promise<ChallengeOutcome> => {
  if (!(await ctx.storage.flows.updateFlow(next, 'consent_pending'))) {
    const current = (await ctx.storage.flows.getFlow(flow.id)) ?? flow;
    throw notPending(ctx, current, { kind: 'consent', request: await describe(ctx, current) });
  }
  ctx.log.info(
    { trace_id: flow.traceId, flow_id: flow.id, challenge_id: flow.consentChallenge, client_id: flow.clientId, scope: next.consent?.grantScope.join(' '), error: next.consentError?.error },
    `consent request ${outcome}`,
  );
  return { redirectTo: verifierUrl(ctx, 'consent', next.consentVerifier!) };
};
