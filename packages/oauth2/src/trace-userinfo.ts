/**
 * Stop 11 of the flow tracer (docs/operations/tracing.md): the userinfo endpoint answered or refused,
 * with whether a token came and was active, its scopes and the names of the claims returned (never
 * a value). An answered request joins the trace of the login its token came from.
 */
import type { OAuth2Context } from './context.ts';
import { OAuth2Error } from './errors.ts';
import type { Found } from './tokens/lookup.ts';
import type { AccessTokenRecord } from './tokens/records.ts';

export interface UserinfoTrace {
  startedAt: number;
  requestId: string;
}

export interface UserinfoFacts {
  tokenPresent: boolean;
  /** The token's record, when it was found (active or not). */
  found?: Found<AccessTokenRecord>;
  active?: boolean;
  claims?: Record<string, unknown>;
  error?: unknown;
}

export const traceUserinfo = (ctx: OAuth2Context, t: UserinfoTrace, facts: UserinfoFacts): void => {
  if (ctx.trace === undefined) return;
  const session = facts.found?.record.session;
  const refused = facts.error !== undefined;
  ctx.trace({
    traceId: session?.traceId || t.requestId, stop: 'userinfo', outcome: refused ? 'refused' : 'ok',
    errorCode: refused ? (facts.error instanceof OAuth2Error ? facts.error.error : 'server_error') : undefined,
    startedAt: t.startedAt, durationMs: ctx.now() - t.startedAt, requestId: t.requestId,
    clientId: session?.clientId || undefined, identityId: session?.subject || undefined, flowId: session?.flowId || undefined,
    evidence: {
      token_present: facts.tokenPresent,
      token_active: facts.tokenPresent ? (facts.active ?? false) : null,
      scopes: session?.scope ?? null,
      claims_returned: facts.claims === undefined ? [] : Object.keys(facts.claims),
      error_hint: facts.error instanceof OAuth2Error ? (facts.error.hint ?? null) : null,
    },
  });
};
