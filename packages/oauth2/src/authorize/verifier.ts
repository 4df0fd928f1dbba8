import { constantTimeEqual } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import type { Flow, RejectRequest } from '../flows/flow.ts';
import type { ClientRedirect } from './rejection.ts';
import { errorParams, respondToClient } from '../browser/client-response.ts';
import type { BrowserStep } from '../browser/instructions.ts';
import { InvalidRequest, RequestForbidden } from '../errors.ts';
import { flowCsrfCookieName } from '../browser/instructions.ts';
import { AuthorizeRejected } from './rejection.ts';
import { traceVerifierRefused } from './trace-verifier.ts';

/**
 * Loads the flow a returning verifier belongs to and checks that the same browser that started it
 * brings it back: the flow's CSRF cookie must match (login/consent CSRF, docs/security.md AS-21).
 */
export const flowForVerifier = async (
  ctx: OAuth2Context,
  kind: 'login' | 'consent',
  verifier: string,
  cookies: Record<string, string | undefined>,
): Promise<Flow> => {
  const startedAt = ctx.now();
  const flow = kind === 'login'
    ? await ctx.storage.flows.getFlowByLoginVerifier(verifier)
    : await ctx.storage.flows.getFlowByConsentVerifier(verifier);
  if (!flow) {
    const unknown = new AuthorizeRejected(new InvalidRequest(`The ${kind}_verifier is unknown.`, {
      hint: `The ${kind} verifier is not one Olympus issued. Restart the authorization from the application.`,
    }), null);
    traceVerifierRefused(ctx, kind, undefined, unknown, 'unknown_verifier', startedAt);
    throw unknown;
  }
  // A flow whose code was issued gives nothing but "already used" (the callers' state check), and its
  // cookie was cleared with the code (consent-verified.ts): a replay is told that, not "another browser".
  if (flow.state === 'consent_used') return flow;
  const cookie = cookies[flowCsrfCookieName(flow.id)];
  if (!cookie || !constantTimeEqual(cookie, flow.csrf)) {
    ctx.log.warn({ trace_id: flow.traceId, flow_id: flow.id, client_id: flow.clientId, cookie_present: Boolean(cookie) }, `${kind} verifier without the flow's CSRF cookie`);
    const forbidden = new AuthorizeRejected(new RequestForbidden(`The ${kind} was completed in a different browser than the one that started it.`, {
      hint: cookie
        ? 'The flow cookie does not match this flow: the authorization was restarted in another tab, or the verifier URL was copied. Restart from the application.'
        : 'The flow cookie (olympus_oauth2_csrf_*) was not sent: the browser blocked it, the public URL changed between steps (localhost vs 127.0.0.1), or the verifier URL was opened in another browser.',
    }), null);
    traceVerifierRefused(ctx, kind, flow, forbidden, cookie ? 'flow_cookie_mismatch' : 'flow_cookie_missing', startedAt);
    throw forbidden;
  }
  return flow;
};

/** The original authorization URL: where an expired or replayed step restarts the whole flow. */
export const restart = (flow: Flow) => ({ kind: 'redirect' as const, location: flow.request.requestUrl, cookies: [] });

/** The login or consent UI rejected the request: the client learns why (Hydra's reject semantics). */
export const rejectedByUi = (ctx: OAuth2Context, flow: Flow, target: ClientRedirect, rejection: RejectRequest): BrowserStep => {
  ctx.log.info({ trace_id: flow.traceId, flow_id: flow.id, client_id: flow.clientId, error: rejection.error }, 'request rejected by the UI; error sent to the client');
  const params = errorParams(rejection.error, rejection.error_description, rejection.error_hint, ctx.config.oauth2.exposeDebug);
  return respondToClient(target, ctx.config.urls.issuer, params);
};
