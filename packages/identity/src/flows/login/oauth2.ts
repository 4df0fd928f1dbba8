/**
 * A login flow created with a login_challenge ends by accepting that OAuth2 login request itself
 * (Kratos' Hydra integration, ory-api.md §4.2): subject = identity id, remembered as long as the
 * session lives, acr = the session's level and amr from the methods used (RFC 8176 values).
 */
import { acceptLoginRequest, getLoginRequest } from '@olympus/oauth2';
import type { IdentityContext } from '../../context.ts';
import { SessionAal2Required } from '../../errors.ts';
import { browserFlowUrl } from '../browser-url.ts';
import type { Session, AuthenticationMethod } from '../../sessions/session.ts';
import { lacksRequiredAal, requiredAalForOAuth2 } from './required-aal.ts';

/** RFC 8176 §2 has no value for a federated login (oidc), so it adds none. */
const AMR: Partial<Record<AuthenticationMethod['method'], string>> = {
  password: 'pwd', totp: 'otp', lookup_secret: 'otp', code: 'otp', webauthn: 'hwk',
};

export const amrOf = (session: Session): string[] => {
  const values = new Set(session.authentication_methods.flatMap((m) => (AMR[m.method] ? [AMR[m.method] as string] : [])));
  if (session.authenticator_assurance_level === 'aal2') values.add('mfa');
  return [...values];
};

/**
 * Where a browser completes the second factor of an OAuth2 login: an aal2 login flow that keeps
 * the challenge, whose success accepts the login request (required-aal.ts says when).
 */
export const oauth2StepUpUrl = (ctx: IdentityContext, challenge: string): string =>
  browserFlowUrl(ctx.config, 'login', { aal: 'aal2', login_challenge: challenge });

/**
 * Returns the OAuth2 flow's continuation (`redirect_to`). Refuses an aal1 session where the login
 * needs aal2: callers step up first, and this check keeps a missed step-up from reaching the app.
 */
export const acceptOAuth2Login = async (ctx: IdentityContext, challenge: string, session: Session): Promise<string> => {
  const request = await getLoginRequest(ctx.oauth2, challenge);
  const identity = await ctx.storage.identities.getIdentity(session.identity_id);
  if (lacksRequiredAal(session.authenticator_assurance_level, requiredAalForOAuth2(ctx.config, request, identity))) {
    const redirect = oauth2StepUpUrl(ctx, challenge);
    throw new SessionAal2Required('This OAuth2 login needs the second factor (aal2) before it can be accepted.', {
      reason: 'The authorization asked for acr_values=aal2, or the configuration requires the highest available level, and this identity has a second factor.',
      details: { redirect_browser_to: redirect },
      extra: { redirect_browser_to: redirect },
    });
  }
  const { redirect_to } = await acceptLoginRequest(ctx.oauth2, challenge, {
    subject: session.identity_id,
    remember: true,
    remember_for: Math.floor(ctx.config.session.lifespan / 1000),
    acr: session.authenticator_assurance_level,
    amr: amrOf(session),
    identity_provider_session_id: session.id,
  });
  return redirect_to;
};
