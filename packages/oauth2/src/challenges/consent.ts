import { randomToken } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import type { ConsentResult, Flow } from '../flows/flow.ts';
import { InvalidRequest } from '../errors.ts';
import { rememberedConsent } from '../authorize/consent-skip.ts';
import { isPending, notPending, unknownChallenge, verifierUrl } from './handled.ts';
import { rejectionOf } from './reject.ts';
import type { AcceptConsent, ChallengeOutcome, ConsentRequest, Rejection } from './requests.ts';
import { traceConsentSettled, traceConsentSettleRefused } from './trace-consent.ts';
import type { ChallengeTrace } from './trace-login.ts';
import { consentRequestOf } from './views.ts';

/** The flow a challenge named, once found: what a refusal's trace tells of it. */
type Seen = { flow?: Flow };

const load = async (ctx: OAuth2Context, challenge: string, seen: Seen = {}): Promise<Flow> => {
  const flow = challenge ? await ctx.storage.flows.getFlowByConsentChallenge(challenge) : undefined;
  if (!flow) throw unknownChallenge('consent');
  seen.flow = flow;
  return flow;
};

const describe = async (ctx: OAuth2Context, flow: Flow): Promise<ConsentRequest> => consentRequestOf(flow, (await ctx.clients.get(flow.clientId))?.client);

const loadPending = async (ctx: OAuth2Context, challenge: string, seen: Seen = {}): Promise<Flow> => {
  const flow = await load(ctx, challenge, seen);
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

/** Runs an accept or deny; a refusal is stop 7 refused, with the flow as it was found. */
const deciding = async (ctx: OAuth2Context, challenge: string, work: (seen: Seen, trace: ChallengeTrace) => Promise<ChallengeOutcome>): Promise<ChallengeOutcome> => {
  const trace: ChallengeTrace = { startedAt: ctx.now(), challenge };
  const seen: Seen = {};
  try {
    return await work(seen, trace);
  } catch (err) {
    traceConsentSettleRefused(ctx, trace, seen.flow, err);
    throw err;
  }
};

/**
 * The user (or the UI for them) granted these scopes and audiences. When consent was skipped because
 * a remembered consent covers the request and the UI sends no session claims, the remembered claims
 * are replayed (docs/compatibility.md §5).
 */
export const acceptConsentRequest = async (ctx: OAuth2Context, challenge: string, input: AcceptConsent): Promise<ChallengeOutcome> =>
  deciding(ctx, challenge, async (seen, trace) => {
    const flow = await loadPending(ctx, challenge, seen);
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
    const outcome = await settle(ctx, seen, { ...flow, state: 'consent_accepted', consent, consentVerifier: randomToken(32) }, 'accepted');
    traceConsentSettled(ctx, trace, flow, { consent, omitted: input.idTokenClaimsOmitted });
    return outcome;
  });

/** The user denied; the client receives the error (e.g. access_denied). */
export const rejectConsentRequest = async (ctx: OAuth2Context, challenge: string, input: Rejection): Promise<ChallengeOutcome> =>
  deciding(ctx, challenge, async (seen, trace) => {
    const flow = await loadPending(ctx, challenge, seen);
    const next: Flow = { ...flow, state: 'consent_rejected', consentError: rejectionOf(input), consentVerifier: randomToken(32), consentRejectedAt: ctx.now() };
    const outcome = await settle(ctx, seen, next, 'rejected');
    traceConsentSettled(ctx, trace, flow, { rejection: next.consentError! });
    return outcome;
  });

const settle = async (ctx: OAuth2Context, seen: Seen, next: Flow, outcome: string): Promise<ChallengeOutcome> => {
  const flow = seen.flow!;
  if (!(await ctx.storage.flows.updateFlow(next, 'consent_pending', flow))) {
    const current = (await ctx.storage.flows.getFlow(flow.id)) ?? flow;
    seen.flow = current;
    throw notPending(ctx, current, { kind: 'consent', request: await describe(ctx, current) });
  }
  ctx.log.info(
    { trace_id: flow.traceId, flow_id: flow.id, challenge_id: flow.consentChallenge, client_id: flow.clientId, scope: next.consent?.grantScope.join(' '), error: next.consentError?.error },
    `consent request ${outcome}`,
  );
  return { redirectTo: verifierUrl(ctx, 'consent', next.consentVerifier!) };
};
