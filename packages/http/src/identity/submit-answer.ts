/**
 * How a submission's outcome is answered (docs/compatibility.md §2.4 negotiation table): native apps get the
 * session token, SPAs the session (and 422 where the browser must navigate), server-rendered
 * browsers a 303 with the session cookie; refused input is 400 + flow or a 303 back to the UI.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  BrowserLocationChangeRequired, publicIdentity, sessionWire,
  type FlowType, type IdentityContext, type SubmitOutcome,
} from '@olympus/identity';
import { answerFlow, seeOther } from './render.ts';
import { setSessionCookie } from './session-cookie.ts';
import { setContinuityCookie } from './continuity-cookie.ts';

export interface AnswerOptions {
  type: FlowType;
  json: boolean;
  /** Registration answers also carry the new identity. */
  withIdentity: boolean;
}

const OAUTH2_REASON = 'Continue the OAuth2 authorization in the browser: open redirect_browser_to.';

const locationChange = (req: FastifyRequest, ctx: IdentityContext, to: string, reason = OAUTH2_REASON) =>
  new BrowserLocationChangeRequired('The browser must navigate to continue.', {
    reason,
    details: { redirect_browser_to: to },
    extra: { redirect_browser_to: to },
  }).toBody(String(req.id), ctx.config.oauth2.exposeDebug);

/**
 * Where a server-rendered browser goes after success: on with the OAuth2 authorization when there is
 * one; otherwise a new account first sees the verification form for the code just mailed
 * (continue_with show_verification_ui), so it need not ask for the address and send a second code.
 */
const browserNextStep = (outcome: Extract<SubmitOutcome, { kind: 'success' }>): string => {
  if (outcome.continuesOAuth2) return outcome.redirectTo;
  const verification = outcome.continueWith?.find((c) => c.action === 'show_verification_ui');
  return verification?.action === 'show_verification_ui' && verification.flow.url ? verification.flow.url : outcome.redirectTo;
};

export const answerSubmit = (ctx: IdentityContext, req: FastifyRequest, reply: FastifyReply, outcome: SubmitOutcome, opts: AnswerOptions): FastifyReply => {
  reply.header('cache-control', 'no-store');
  if (outcome.kind === 'invalid') return answerFlow(ctx, reply, outcome.flow, opts.type === 'api' || opts.json, 400);
  if (outcome.kind === 'redirect') {
    // The sign-in continues at the provider; this browser keeps the sealed continuity record (ID-21).
    setContinuityCookie(reply, ctx.config, outcome.redirect, ctx.now());
    if (opts.type === 'browser' && !opts.json) return seeOther(reply, outcome.redirect.to);
    const reason = `In order to complete this flow please redirect the browser to: ${outcome.redirect.to}`;
    return reply.code(422).send(locationChange(req, ctx, outcome.redirect.to, reason));
  }
  const { issued, identity } = outcome;
  const session = sessionWire(issued.session, identity);
  const extra = opts.withIdentity ? { identity: publicIdentity(identity) } : {};
  if (opts.type === 'api') {
    return reply.code(200).send({
      ...extra, session_token: issued.token, session,
      continue_with: [{ action: 'set_ory_session_token', ory_session_token: issued.token }, ...(outcome.continueWith ?? [])],
    });
  }
  setSessionCookie(reply, ctx.config, issued);
  if (!opts.json) return seeOther(reply, browserNextStep(outcome));
  if (outcome.continuesOAuth2) return reply.code(422).send(locationChange(req, ctx, outcome.redirectTo));
  return reply.code(200).send({
    ...extra, session,
    continue_with: [...(outcome.continueWith ?? []), { action: 'redirect_browser_to', redirect_browser_to: outcome.redirectTo }],
  });
};
