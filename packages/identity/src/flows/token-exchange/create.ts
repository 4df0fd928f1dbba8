/**
 * GET /self-service/{login,registration}/api?return_session_token_exchange_code=true: the native flow
 * gets its exchange and the app the init code (`session_token_exchange_code`), shown this once.
 */
import { randomUUID } from 'node:crypto';
import type { IdentityContext } from '../../context.ts';
import type { SelfServiceFlow } from '../flow.ts';
import { initCodeHash, newExchangeCode } from './codes.ts';

/** Only a native (api) flow takes part: a browser flow's session is its cookie (Kratos does the same). */
export const startSessionTokenExchange = async (ctx: IdentityContext, flow: SelfServiceFlow): Promise<string | undefined> => {
  if (flow.type !== 'api') return undefined;
  const code = newExchangeCode();
  await ctx.storage.tokenExchanges.createExchange({
    id: randomUUID(), flowId: flow.id, initCodeHash: initCodeHash(ctx, code), returnToCodeHash: null,
    sessionId: null, sealedToken: null, expiresAt: flow.expiresAt, createdAt: ctx.now(), usedAt: null,
  });
  ctx.log.info({ flow_id: flow.id, kind: flow.kind, trace_id: flow.internal.traceId }, 'session token exchange started for a native flow');
  return code;
};
