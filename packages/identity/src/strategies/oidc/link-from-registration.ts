/**
 * A provider sign-in started on a registration flow whose address belongs to another identity: as on a
 * login flow, nothing is linked yet (docs/operations/social-sign-in.md, "Linking"). The browser goes to a
 * new login flow — same return_to, same OAuth2 login request, bound to the same browser by its CSRF
 * cookie — that says so (4000027), has the address filled in and keeps the link pending (link.ts);
 * the user's sign-in with the account's own credential there links the provider. Kratos does the same:
 * its registration answers a duplicate with a login flow that links after the sign-in.
 */
import type { IdentityContext } from '../../context.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import { echoable, uiAfterError } from '../../flows/form-state.ts';
import { loginUi } from '../../flows/login/ui.ts';
import { newFlow } from '../../flows/new-flow.ts';
import { inheritOAuth2Request } from '../../flows/oauth2-request.ts';
import { PENDING_LINK } from './link.ts';
import type { PendingLinkRequired } from './sign-in.ts';

/** The new login flow, stored; the caller sends the browser to its UI. */
export const loginFlowForPendingLink = async (
  ctx: IdentityContext, registration: SelfServiceFlow, err: PendingLinkRequired, csrfSecret: string | undefined,
): Promise<SelfServiceFlow> => {
  const flow = newFlow(ctx, 'login', {
    type: registration.type, requestUrl: registration.requestUrl, returnTo: registration.returnTo, csrfSecret, oauth2LoginChallenge: registration.oauth2LoginChallenge,
  });
  inheritOAuth2Request(registration, flow);
  const next: SelfServiceFlow = {
    ...flow,
    active: 'oidc',
    ui: echoable(uiAfterError(loginUi(ctx.config, flow), { identifier: err.pending.address }, err)),
    internal: { ...flow.internal, [PENDING_LINK]: err.pending, updatedAt: ctx.now() },
  };
  await ctx.storage.flows.createFlow(next);
  ctx.log.info({ flow_id: next.id, from_flow_id: registration.id, provider: err.pending.provider, trace_id: next.internal.traceId }, 'provider registration met an existing account: sign in on a login flow to link');
  return next;
};
