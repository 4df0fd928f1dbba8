/**
 * A native flow's sign-in completed in the system browser: the session joins the flow's exchange with
 * a fresh return_to code, and the browser goes to the flow's return_to with `?code=<return_to code>`
 * (Kratos' contract), where the app picks it up. The pair is then good for EXCHANGE_WINDOW_MS.
 */
import type { IdentityContext } from '../../context.ts';
import type { IssuedSession } from '../../sessions/issue.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { newExchangeCode, returnToCodeHash, TOKEN_PURPOSE } from './codes.ts';

/** Like an authorization code (RFC 6749 §4.1.2 recommends at most ten minutes): the app redeems it at once. */
export const EXCHANGE_WINDOW_MS = 10 * 60_000;

/** Where a native flow's browser goes, with or without a code: its return_to, else the default return URL. */
export const nativeReturnUrl = (ctx: IdentityContext, flow: SelfServiceFlow, code?: string): string => {
  const url = new URL(flow.returnTo || ctx.config.selfservice.defaultBrowserReturnUrl, ctx.config.serve.public.url);
  if (code !== undefined) url.searchParams.set('code', code);
  return url.toString();
};

/** The return_to URL with the code, or undefined when the flow has no open exchange. */
export const completeSessionTokenExchange = async (ctx: IdentityContext, flow: SelfServiceFlow, issued: IssuedSession): Promise<string | undefined> => {
  const code = newExchangeCode();
  const done = await ctx.storage.tokenExchanges.completeExchange(flow.id, {
    returnToCodeHash: returnToCodeHash(ctx, code), sessionId: issued.session.id,
    sealedToken: ctx.sealer.seal(issued.token, TOKEN_PURPOSE), expiresAt: ctx.now() + EXCHANGE_WINDOW_MS,
  });
  if (!done) return undefined;
  ctx.log.info({ flow_id: flow.id, session_id: issued.session.id, trace_id: flow.internal.traceId }, 'native sign-in completed: the session waits for its token exchange');
  return nativeReturnUrl(ctx, flow, code);
};

/** Whether the flow is a native flow with an exchange the callback may complete (no cookie continuity then). */
export const hasOpenExchange = async (ctx: IdentityContext, flow: SelfServiceFlow): Promise<boolean> => {
  if (flow.type !== 'api') return false;
  const exchange = await ctx.storage.tokenExchanges.exchangeOfFlow(flow.id);
  return exchange !== undefined && exchange.sessionId === null && exchange.usedAt === null && exchange.expiresAt > ctx.now();
};
