import { randomUUID } from 'node:crypto';
import { randomToken } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import type { Flow, LoginResult } from '../flows/flow.ts';
import type { AuthenticationSession } from '../tokens/records.ts';
import { ConsentRequired, InvalidRequest, RequestForbidden } from '../errors.ts';
import { authSessionCookie } from '../browser/auth-session.ts';
import { errorParams, respondToClient } from '../browser/client-response.ts';
import type { BrowserStep, CookieInstruction, VerifierBrowser } from '../browser/instructions.ts';
import { withParam } from '../endpoints.ts';
import { AuthorizeRejected } from './rejection.ts';
import { flowForVerifier, rejectedByUi, restart } from './verifier.ts';
import { decideConsentSkip } from './consent-skip.ts';
import { traceConsentShown, traceVerifierRefused } from './trace-verifier.ts';

/**
 * The browser returns from the login UI with `login_verifier`: record the authentication session,
 * then hand the browser to the consent UI (or straight on when consent can be skipped).
 */
export const handleLoginVerifier = async (
  ctx: OAuth2Context,
  verifier: string,
  browser: VerifierBrowser,
): Promise<BrowserStep> => {
  const startedAt = ctx.now();
  const flow = await flowForVerifier(ctx, 'login', verifier, browser.cookies);
  const now = ctx.now();
  if (flow.expiresAt <= now) return restart(flow);
  const target = { redirectUri: flow.request.redirectUri, state: flow.request.state, responseMode: flow.request.responseMode };
  if (flow.state === 'login_rejected' && flow.loginError) return rejectedByUi(ctx, flow, target, flow.loginError);
  if (flow.state !== 'login_accepted' || !flow.login) throw verifierUsed(ctx, flow, startedAt);
  // The flow as stored, before recordAuthSession fills in the login's session: what updateFlow diffs against.
  const asRead: Flow = { ...flow, login: { ...flow.login } };
  await checkCompletedHere(ctx, flow, flow.login, browser, startedAt);
  const sessionCookies = await recordAuthSession(ctx, flow, flow.login, now);
  const { skip, reasons } = await decideConsentSkip(ctx, flow, (await ctx.clients.get(flow.clientId))?.client, flow.login.subject, now);
  if (flow.request.prompt.includes('none') && !skip) {
    const err = new ConsentRequired('The user has not consented and prompt=none forbids showing a consent page.', {
      hint: 'Retry without prompt=none, or let the user grant consent with remember=true once.',
    });
    await ctx.storage.flows.updateFlow({ ...flow, state: 'consent_rejected' }, 'login_accepted', asRead);
    traceConsentShown(ctx, flow, flow, { startedAt, skip, reasons, refusedWith: err.error });
    return respondToClient(target, ctx.config.urls.issuer, errorParams(err.error, err.description, err.hint, ctx.config.oauth2.exposeDebug), sessionCookies);
  }
  const next: Flow = { ...flow, state: 'consent_pending', consentChallenge: randomToken(32), consentSkip: skip };
  if (!(await ctx.storage.flows.updateFlow(next, 'login_accepted', asRead))) throw verifierUsed(ctx, flow, startedAt);
  traceConsentShown(ctx, flow, next, { startedAt, skip, reasons });
  ctx.log.info(
    { trace_id: flow.traceId, flow_id: flow.id, challenge_id: next.consentChallenge, client_id: flow.clientId, subject: flow.login.subject, skip },
    'login verified; redirecting to the consent UI',
  );
  return { kind: 'redirect', location: withParam(ctx.config.urls.consent, 'consent_challenge', next.consentChallenge!), cookies: sessionCookies };
};

/** A login verifier brought back a second time (the back button, a double submit). */
const verifierUsed = (ctx: OAuth2Context, flow: Flow, startedAt: number): AuthorizeRejected => {
  const used = new AuthorizeRejected(new InvalidRequest('The login verifier has already been used.', {
    hint: 'Each login verifier works once. The back button or a double submit replays it; restart from the application.',
  }), null);
  traceVerifierRefused(ctx, 'login', flow, used, 'verifier_used', startedAt);
  return used;
};

/**
 * A login completed in an identity session counts only in the browser that holds that session:
 * a browser that merely started the flow (and sent its login link to someone else) cannot redeem
 * the victim's login (docs/security.md AS-21).
 */
const checkCompletedHere = async (ctx: OAuth2Context, flow: Flow, login: LoginResult, browser: VerifierBrowser, startedAt: number): Promise<void> => {
  if (!login.completedInIdentitySession) return;
  if ((await browser.identitySessionId()) === login.completedInIdentitySession) return;
  ctx.log.warn({ trace_id: flow.traceId, flow_id: flow.id, client_id: flow.clientId }, 'login verifier from a browser other than the one that signed in');
  const forbidden = new AuthorizeRejected(new RequestForbidden('The login was completed in a different browser than the one continuing it.', {
    hint: 'Sign in in the same browser that opened the application. A sign-in link opened elsewhere cannot be continued here; restart from the application.',
  }), null);
  traceVerifierRefused(ctx, 'login', flow, forbidden, 'completed_in_another_browser', startedAt);
  throw forbidden;
};

/**
 * Creates or refreshes the authentication session behind the login. A skipped login keeps the
 * session and its cookie untouched unless the UI asked to extend it (docs/compatibility.md §5.1).
 */
const recordAuthSession = async (ctx: OAuth2Context, flow: Flow, login: LoginResult, now: number): Promise<CookieInstruction[]> => {
  const sessions = ctx.storage.authSessions;
  const lifespan = login.remember && login.rememberFor > 0 ? login.rememberFor * 1000 : ctx.config.ttl.authenticationSession;
  const existing = await sessions.getAuthenticationSession(flow.proposedSessionId);
  const reusable = existing && existing.revokedAt === null && existing.subject === login.subject;
  if (flow.loginSkip && reusable) {
    // No new authentication happened: auth_time stays the session's (OIDC Core §2, AS-39), or a
    // relying party checking max_age itself would take a remembered login for a fresh one.
    login.authenticatedAt = existing.authenticatedAt;
    // A remembered login carries the original authentication's acr and amr unless the UI says otherwise.
    if (!login.acr) login.acr = existing.acr ?? '';
    if (login.amr.length === 0) login.amr = existing.amr ?? [];
    if (!login.extendSessionLifespan) return [];
    const extended = { ...existing, expiresAt: now + lifespan };
    await sessions.updateAuthenticationSession(extended);
    return [authSessionCookie(ctx, extended, login.rememberFor)];
  }
  const session: AuthenticationSession = {
    id: reusable ? existing.id : existing ? randomUUID() : flow.proposedSessionId,
    subject: login.subject,
    authenticatedAt: login.authenticatedAt,
    remember: login.remember,
    expiresAt: now + lifespan,
    identityProviderSessionId: login.identityProviderSessionId,
    acr: login.acr,
    amr: login.amr,
    revokedAt: null,
  };
  if (reusable) await sessions.updateAuthenticationSession(session);
  else await sessions.createAuthenticationSession(session);
  login.sessionId = session.id;
  return [authSessionCookie(ctx, session, login.rememberFor)];
};
