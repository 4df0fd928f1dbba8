/**
 * Stop 13 of the flow tracer (docs/operations/tracing.md): a session check refused. Only refusals are
 * recorded — apps call /sessions/whoami on every page, so an accepted check writes nothing — and of
 * session_inactive only those that carried a session token: a visitor who never logged in is no
 * failure, a cookie or token that no longer stands for a live session is. Each refusal is a trace of
 * its own, named by its request id.
 */
import { randomUUID } from 'node:crypto';
import type { IdentityContext } from '../context.ts';
import type { RequestFacts } from '../flows/request-facts.ts';
import type { CurrentSession } from './lookup.ts';
import type { Aal } from './session.ts';

export interface WhoamiRefusal {
  startedAt: number;
  errorCode: string;
  tokenSent: boolean;
  current?: CurrentSession;
  aalRequired: Aal;
  request?: RequestFacts;
}

export const traceWhoamiRefused = (ctx: IdentityContext, r: WhoamiRefusal): void => {
  if (ctx.trace === undefined || (r.current === undefined && !r.tokenSent)) return;
  ctx.trace({
    traceId: r.request?.requestId || randomUUID(), stop: 'whoami', outcome: 'refused', errorCode: r.errorCode,
    startedAt: r.startedAt, durationMs: ctx.now() - r.startedAt, requestId: r.request?.requestId, identityId: r.current?.identity.id,
    evidence: {
      aal_required: r.aalRequired, aal_reached: r.current?.session.authenticator_assurance_level ?? null,
      session_present: r.current !== undefined, session_token_sent: r.tokenSent,
    },
  });
};
