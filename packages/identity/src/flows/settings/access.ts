/**
 * Who may use a settings flow (docs/compatibility.md §2.4): a live session (401 session_inactive), of the
 * flow's identity (403 security_identity_mismatch), at the level `selfservice.flows.settings.
 * required_aal` asks (403 session_aal2_required); and for changes to credentials or addresses, a
 * recent login (403 session_refresh_required; docs/security.md ID-13).
 */
import type { IdentityContext } from '../../context.ts';
import { SecurityIdentityMismatch, SessionAal2Required, SessionRefreshRequired } from '../../errors.ts';
import { hasSecondFactor } from '../../sessions/aal.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import type { Session } from '../../sessions/session.ts';
import { noSession, stepUpUrl } from '../../sessions/whoami.ts';
import { browserFlowUrl } from '../browser-url.ts';
import type { SelfServiceFlow } from '../flow.ts';

export const requireSession = (current: CurrentSession | undefined): CurrentSession => {
  if (current === undefined) throw noSession();
  return current;
};

/** The settings UI showing this flow: where a step-up or re-authentication comes back to. */
export const settingsUiUrl = (ctx: IdentityContext, flowId: string): string => {
  const url = new URL(ctx.config.selfservice.flows.settings.uiUrl, ctx.config.serve.public.url);
  url.searchParams.set('flow', flowId);
  return url.toString();
};

export const checkOwner = (flow: SelfServiceFlow, current: CurrentSession): void => {
  if (flow.identityId === current.identity.id) return;
  throw new SecurityIdentityMismatch('The settings flow belongs to another identity than the session.', {
    reason: 'A settings flow can only be used with a session of the identity it was created for. Create a new settings flow with this session.',
  });
};

/** `required_aal: highest_available`: an identity with a second factor must have used it in this session. */
export const checkSettingsAal = (ctx: IdentityContext, current: CurrentSession, returnTo: string): void => {
  const { session, identity } = current;
  if (ctx.config.selfservice.flows.settings.requiredAal !== 'highest_available') return;
  if (session.authenticator_assurance_level !== 'aal1' || !hasSecondFactor(identity)) return;
  const redirect = stepUpUrl(ctx, returnTo);
  throw new SessionAal2Required('Session does not fulfill the requested Authenticator Assurance Level.', {
    reason: 'This identity has a second factor set up, and settings require the highest available level: complete the second factor first.',
    details: { redirect_browser_to: redirect, hint: 'Send the browser to redirect_browser_to (a login flow with aal=aal2); apps create a login flow with aal=aal2.' },
    extra: { redirect_browser_to: redirect },
  });
};

/** Re-authentication that comes back to the settings flow (Kratos: login with refresh=true). */
const refreshUrl = (ctx: IdentityContext, flow: SelfServiceFlow): string =>
  browserFlowUrl(ctx.config, 'login', { refresh: 'true', return_to: settingsUiUrl(ctx, flow.id) });

/** The check a settings method runs before changing a credential or an address. */
export const privilegeGuard = (ctx: IdentityContext, flow: SelfServiceFlow, session: Session) => (): void => {
  const maxAge = ctx.config.selfservice.flows.settings.privilegedSessionMaxAge;
  const age = ctx.now() - Date.parse(session.authenticated_at);
  if (age <= maxAge) return;
  const redirect = refreshUrl(ctx, flow);
  ctx.log.info({ flow_id: flow.id, identity_id: session.identity_id, session_age_ms: age, max_age_ms: maxAge }, 'settings change needs a recent login');
  throw new SessionRefreshRequired('The login session is too old and thus not allowed to update these fields. Please re-authenticate.', {
    reason: `This change needs a login within the last ${Math.round(maxAge / 1000)} seconds (selfservice.flows.settings.privileged_session_max_age); the session's last login was ${Math.round(age / 1000)} seconds ago.`,
    details: { redirect_browser_to: redirect, hint: 'Sign in again (a login flow with refresh=true), then submit the settings flow again.' },
    extra: { redirect_browser_to: redirect },
  });
};
