import { randomUUID } from 'node:crypto';
import type { IdentityContext } from '../context.ts';
import { csrfTokenFor } from '../csrf/csrf.ts';
import type { Aal } from '../sessions/session.ts';
import type { FlowKind, FlowType, SelfServiceFlow } from './flow.ts';

export interface FlowRequest {
  type: FlowType;
  /** The URL the flow was created from (shown as request_url). */
  requestUrl: string;
  /** Already checked (return-to.ts). */
  returnTo: string;
  /** Browser flows: the per-browser CSRF secret (the olympus_csrf cookie). */
  csrfSecret?: string;
  refresh?: boolean;
  requestedAal?: Aal;
  oauth2LoginChallenge?: string;
  identityId?: string;
}

const lifespanOf = (ctx: IdentityContext, kind: FlowKind): number => ctx.config.selfservice.flows[kind].lifespan;

/** A flow in its first state with an empty UI; the kind's module adds its nodes. */
export const newFlow = (ctx: IdentityContext, kind: FlowKind, req: FlowRequest): SelfServiceFlow => {
  const id = randomUUID();
  const now = ctx.now();
  const action = new URL(`/self-service/${kind}`, ctx.config.serve.public.url);
  action.searchParams.set('flow', id);
  return {
    id,
    kind,
    type: req.type,
    expiresAt: now + lifespanOf(ctx, kind),
    issuedAt: now,
    requestUrl: req.requestUrl,
    returnTo: req.returnTo,
    state: kind === 'settings' ? 'show_form' : 'choose_method',
    ui: { action: action.toString(), method: 'POST', nodes: [] },
    refresh: req.refresh ?? false,
    requestedAal: req.requestedAal ?? 'aal1',
    active: '',
    oauth2LoginChallenge: req.oauth2LoginChallenge ?? '',
    identityId: req.identityId ?? '',
    internal: {
      csrfToken: req.type === 'browser' && req.csrfSecret ? csrfTokenFor(ctx, req.csrfSecret, id) : '',
      attempts: 0,
    },
  };
};

/** What a flow was created with, to create its successor when it expires. */
export const requestOf = (flow: SelfServiceFlow, csrfSecret: string | undefined): FlowRequest => ({
  type: flow.type,
  requestUrl: flow.requestUrl,
  returnTo: flow.returnTo,
  csrfSecret,
  refresh: flow.refresh,
  requestedAal: flow.requestedAal,
  oauth2LoginChallenge: flow.oauth2LoginChallenge,
  identityId: flow.identityId,
});
