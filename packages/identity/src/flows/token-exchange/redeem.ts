/**
 * GET /sessions/token-exchange?init_code=&return_to_code= (Kratos' FrontendApi.exchangeSessionToken):
 * the pair, matched together, not expired and not used before, gives the native app its session and
 * session token once. Anything else is Kratos' 404 `no session yet for this "code"`; a missing
 * parameter is its 400.
 */
import type { IdentityContext } from '../../context.ts';
import { BadRequest, FlowNotFound } from '../../errors.ts';
import { findSession, type CurrentSession } from '../../sessions/lookup.ts';
import { initCodeHash, returnToCodeHash, TOKEN_PURPOSE } from './codes.ts';

export interface ExchangedSession extends CurrentSession {
  token: string;
}

const noSessionYet = (why: string): FlowNotFound =>
  new FlowNotFound('Unable to locate the resource.', {
    reason: 'no session yet for this "code"',
    details: { hint: `${why} Start a new native flow with return_session_token_exchange_code=true.` },
  });

export const redeemSessionTokenExchange = async (ctx: IdentityContext, initCode: unknown, returnToCode: unknown): Promise<ExchangedSession> => {
  if (typeof initCode !== 'string' || initCode === '' || typeof returnToCode !== 'string' || returnToCode === '') {
    throw new BadRequest('The request was malformed or contained invalid parameters.', { reason: '"init_code" and "return_to_code" query params must be set' });
  }
  const exchange = await ctx.storage.tokenExchanges.redeemExchange(initCodeHash(ctx, initCode), returnToCodeHash(ctx, returnToCode), ctx.now());
  if (exchange === undefined) {
    ctx.log.info({}, 'session token exchange refused: no completed, unused and unexpired exchange has this pair of codes');
    throw noSessionYet('The codes do not belong together, the sign-in has not completed, they were exchanged already, or they expired.');
  }
  const token = exchange.sealedToken === null ? undefined : ctx.sealer.open(exchange.sealedToken, TOKEN_PURPOSE);
  const current = await findSession(ctx, token);
  if (token === undefined || current === undefined) throw noSessionYet('The session of this sign-in has ended.');
  ctx.log.info({ flow_id: exchange.flowId, session_id: current.session.id, identity_id: current.identity.id }, 'session token exchanged');
  return { ...current, token };
};
