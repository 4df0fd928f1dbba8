import { randomUUID } from 'node:crypto';
import { randomToken } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import type { AuthorizeRequest, Flow } from '../flows/flow.ts';
import type { AuthenticationSession } from '../tokens/records.ts';
import { LoginRequired } from '../errors.ts';
import { currentAuthSession } from '../browser/auth-session.ts';
import { respondToClient, errorParams } from '../browser/client-response.ts';
import { FLOW_CSRF_COOKIE_PATH, flowCsrfCookieName, type BrowserStep } from '../browser/instructions.ts';
import { withParam } from '../endpoints.ts';
import { validateAuthorizeRequest } from './pipeline.ts';
import { AuthorizeRejected } from './rejection.ts';
import { traceAuthorizeAccepted, traceAuthorizeRefused } from './trace-authorize.ts';

/**
 * Whether the remembered session lets the login UI skip its form (Hydra `skip`): it must be
 * remembered, and neither prompt=login nor an exceeded max_age (OIDC Core §3.1.2.1, AS-39) nor an
 * id_token_hint for another subject may demand a fresh login.
 */
export const canSkipLogin = (request: AuthorizeRequest, session: AuthenticationSession | undefined, now: number): boolean => {
  if (!session || !session.remember) return false;
  if (request.prompt.includes('login')) return false;
  if (request.maxAge !== null && now - session.authenticatedAt > request.maxAge * 1000) return false;
  const hintSub = request.idTokenHintClaims.sub;
  return hintSub === undefined || hintSub === session.subject;
};

/** A new authorization request: validate it, then hand the browser to the login UI with a challenge. `requestId` names the HTTP request in its trace. */
export const startAuthorization = async (
  ctx: OAuth2Context,
  params: Record<string, string>,
  requestUrl: string,
  cookies: Record<string, string | undefined>,
  requestId?: string,
): Promise<BrowserStep> => {
  const trace = { startedAt: ctx.now(), requestId };
  const { request, client } = await validateAuthorizeRequest(ctx, params, requestUrl).catch(async (err: unknown) => {
    if (err instanceof AuthorizeRejected) {
      // A refusal starts a trace of its own; the log line of the refusal names it too.
      err.error.traceId ??= randomUUID();
      await traceAuthorizeRefused(ctx, params, err, trace, err.error.traceId);
    }
    throw err;
  });
  const now = ctx.now();
  const session = await currentAuthSession(ctx, cookies);
  const skip = canSkipLogin(request, session, now);
  const target = { redirectUri: request.redirectUri, state: request.state, responseMode: request.responseMode };
  if (request.prompt.includes('none') && !skip) {
    ctx.log.info({ client_id: request.clientId, error: 'login_required' }, 'prompt=none without a remembered session');
    const err = new LoginRequired('The user is not logged in and prompt=none forbids showing a login page.', {
      hint: 'Retry without prompt=none so the user can log in, or log in with remember=true first (OIDC Core §3.1.2.6).',
    });
    await traceAuthorizeRefused(ctx, params, new AuthorizeRejected(err, target), trace, randomUUID());
    return respondToClient(target, ctx.config.urls.issuer, errorParams(err.error, err.description, err.hint, ctx.config.oauth2.exposeDebug));
  }
  const flow = newFlow(ctx, request, now, skip ? session : undefined, session?.id);
  await ctx.storage.flows.createFlow(flow);
  traceAuthorizeAccepted(ctx, flow, params, trace, client);
  ctx.log.info(
    { trace_id: flow.traceId, flow_id: flow.id, challenge_id: flow.loginChallenge, client_id: flow.clientId, skip },
    'authorization request valid; redirecting to the login UI',
  );
  return {
    kind: 'redirect',
    location: withParam(ctx.config.urls.login, 'login_challenge', flow.loginChallenge),
    cookies: [{ name: flowCsrfCookieName(flow.id), value: flow.csrf, path: FLOW_CSRF_COOKIE_PATH, maxAgeSeconds: Math.ceil(ctx.config.ttl.loginConsentRequest / 1000) }],
  };
};

const newFlow = (
  ctx: OAuth2Context,
  request: AuthorizeRequest,
  now: number,
  skipSession: AuthenticationSession | undefined,
  existingSessionId: string | undefined,
): Flow => ({
  id: randomUUID(),
  state: 'login_pending',
  clientId: request.clientId,
  request,
  csrf: randomToken(24),
  traceId: randomUUID(),
  loginChallenge: randomToken(32),
  loginVerifier: null,
  loginSkip: skipSession !== undefined,
  skipSubject: skipSession?.subject ?? '',
  proposedSessionId: existingSessionId ?? randomUUID(),
  login: null,
  loginError: null,
  consentChallenge: null,
  consentVerifier: null,
  consentSkip: false,
  consent: null,
  consentError: null,
  requestedAt: now,
  expiresAt: now + ctx.config.ttl.loginConsentRequest,
  revokedAt: null,
});
