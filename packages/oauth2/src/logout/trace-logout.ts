/**
 * Stop 12 of the flow tracer (docs/operations/tracing.md): a logout handled — started by the relying
 * party at /oauth2/sessions/logout (OpenID RP-Initiated Logout 1.0 §2) or by the user in the UI — with
 * whether an id_token_hint came, whether the post-logout redirect URI is registered, and how many
 * sessions it ended. A refused RP-initiated logout names its error.
 */
import { randomUUID } from 'node:crypto';
import type { OAuth2Context } from '../context.ts';
import { OAuth2Error } from '../errors.ts';

export interface LogoutTrace {
  startedAt: number;
  /** The logout request's id when it has one, so its start and its accept share a trace. */
  traceId?: string;
  requestId?: string;
  initiatedBy: 'rp' | 'ui';
  idTokenHintPresent: boolean;
  /** Whether the post_logout_redirect_uri sent is registered for the client; null when none was sent. */
  postLogoutRedirectUriRegistered: boolean | null;
  clientId?: string;
  identityId?: string;
}

export const traceLogout = (ctx: OAuth2Context, t: LogoutTrace, outcome: { sessionsEnded: number } | { error: unknown }): void => {
  if (ctx.trace === undefined) return;
  const error = 'error' in outcome ? outcome.error : undefined;
  ctx.trace({
    traceId: t.traceId || t.requestId || randomUUID(), stop: 'logout', outcome: error === undefined ? 'ok' : 'refused',
    errorCode: error === undefined ? undefined : error instanceof OAuth2Error ? error.error : 'server_error',
    startedAt: t.startedAt, durationMs: ctx.now() - t.startedAt, requestId: t.requestId,
    clientId: t.clientId || undefined, identityId: t.identityId || undefined,
    evidence: {
      initiated_by: t.initiatedBy,
      id_token_hint_present: t.idTokenHintPresent,
      post_logout_redirect_uri_registered: t.postLogoutRedirectUriRegistered,
      sessions_ended: 'sessionsEnded' in outcome ? outcome.sessionsEnded : 0,
      error_hint: error instanceof OAuth2Error ? (error.hint ?? null) : null,
    },
  });
};
