import { randomToken } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import type { ConsentResult, Flow } from '../flows/flow.ts';
import { InvalidRequest } from '../errors.ts';
import { rememberedConsent } from '../authorize/consent-skip.ts';
import { asObject, optBool, optSeconds, optStrings } from './body.ts';
import { isPending, notPending, unknownChallenge, verifierUrl } from './handled.ts';
import { rejectionOf } from './reject.ts';
import { consentRequestBody } from './shapes.ts';

const load = async (ctx: OAuth2Context, challenge: string): Promise<Flow> => {
  const flow = challenge ? await ctx.storage.flows.getFlowByConsentChallenge(challenge) : undefined;
  if (!flow) throw unknownChallenge('consent');
  return flow;
};

const describe = async (ctx: OAuth2Context, flow: Flow) => consentRequestBody(flow, (await ctx.clients.get(flow.clientId))?.client);

/** GET /admin/oauth2/auth/requests/consent. */
export const getConsentRequest = async (ctx: OAuth2Context, challenge: string) => {
  const flow = await load(ctx, challenge);
  const body = await describe(ctx, flow);
  if (!isPending(flow, 'consent', ctx.now())) throw notPending(ctx, flow, 'consent', body);
  return body;
};

const subset = (field: string, granted: string[], requested: string[]) => {
  const extra = granted.filter((s) => !requested.includes(s));
  if (extra.length > 0) {
    throw new InvalidRequest(`The field "${field}" grants ${extra.map((s) => `"${s}"`).join(', ')}, which the client did not request.`, {
      hint: 'Grant a subset of requested_scope / requested_access_token_audience from the consent request.',
    });
  }
};

/**
 * PUT …/consent/accept. When consent was skipped because a remembered consent covers the request
 * and the UI sends no session claims, the remembered claims are replayed (ory-api.md §5 #2).
 */
export const acceptConsentRequest = async (ctx: OAuth2Context, challenge: string, rawBody: unknown) => {
  const flow = await load(ctx, challenge);
  if (!isPending(flow, 'consent', ctx.now())) throw notPending(ctx, flow, 'consent', await describe(ctx, flow));
  const body = asObject(rawBody);
  const grantScope = optStrings(body, 'grant_scope');
  const grantAudience = optStrings(body, 'grant_access_token_audience');
  subset('grant_scope', grantScope, flow.request.scope);
  subset('grant_access_token_audience', grantAudience, flow.request.audience);
  const session = asObject(body.session, 'session');
  let claims = { access_token: asObject(session.access_token, 'session.access_token'), id_token: asObject(session.id_token, 'session.id_token') };
  if (flow.consentSkip && body.session === undefined) {
    const previous = await rememberedConsent(ctx, flow, flow.login!.subject, ctx.now());
    if (previous?.consent) claims = previous.consent.session;
  }
  const consent: ConsentResult = {
    grantScope,
    grantAudience,
    remember: optBool(body, 'remember'),
    rememberFor: optSeconds(body, 'remember_for'),
    context: asObject(body.context, 'context'),
    session: claims,
    handledAt: ctx.now(),
  };
  return settle(ctx, flow, { ...flow, state: 'consent_accepted', consent, consentVerifier: randomToken(32) }, 'accepted');
};

/** PUT …/consent/reject: the user denied; the client receives the error (e.g. access_denied). */
export const rejectConsentRequest = async (ctx: OAuth2Context, challenge: string, rawBody: unknown) => {
  const flow = await load(ctx, challenge);
  if (!isPending(flow, 'consent', ctx.now())) throw notPending(ctx, flow, 'consent', await describe(ctx, flow));
  const next: Flow = { ...flow, state: 'consent_rejected', consentError: rejectionOf(asObject(rawBody)), consentVerifier: randomToken(32) };
  return settle(ctx, flow, next, 'rejected');
};

const settle = async (ctx: OAuth2Context, flow: Flow, next: Flow, outcome: string) => {
  if (!(await ctx.storage.flows.updateFlow(next, 'consent_pending'))) {
    const current = (await ctx.storage.flows.getFlow(flow.id)) ?? flow;
    throw notPending(ctx, current, 'consent', await describe(ctx, current));
  }
  ctx.log.info(
    { trace_id: flow.traceId, flow_id: flow.id, challenge_id: flow.consentChallenge, client_id: flow.clientId, scope: next.consent?.grantScope.join(' '), error: next.consentError?.error },
    `consent request ${outcome}`,
  );
  return { redirect_to: verifierUrl(ctx, 'consent', next.consentVerifier!) };
};
