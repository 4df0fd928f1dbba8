/**
 * A login flow created with a login_challenge ends by accepting that OAuth2 login request itself
 * (Kratos' Hydra integration, docs/compatibility.md §4): subject = identity id, remembered as long as the
 * session lives, acr = the session's level and amr from the methods used (RFC 8176 values).
 */
import type { IdentityContext } from '../../context.ts';
import { SessionAal2Required } from '../../errors.ts';
import { browserFlowUrl } from '../browser-url.ts';
import type { Identity } from '../../identities/identity.ts';
import type { Aal, Session, AuthenticationMethod } from '../../sessions/session.ts';
import { lacksRequiredAal, requiredAalForOAuth2, type AalRequestInput } from './required-aal.ts';

/**
 * RFC 8176 §2 has no value for a sign-in at another provider; such a login carries the method's own
 * name, `oidc`, as Kratos' sessions do (RFC 8176 §2 allows values outside its list).
 */
const AMR: Partial<Record<AuthenticationMethod['method'], string>> = {
  password: 'pwd', totp: 'otp', lookup_secret: 'otp', code: 'otp', webauthn: 'hwk', passkey: 'hwk', oidc: 'oidc',
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

/** What a caller already holds of the login, so the AAL rule reads nothing twice. */
export interface KnownLogin {
  request?: AalRequestInput;
  identity?: Identity;
}

const requiredAal = async (ctx: IdentityContext, challenge: string, session: Session, known: KnownLogin): Promise<Aal> =>
  requiredAalForOAuth2(
    ctx.config,
    known.request ?? (await ctx.oauth2.getLoginRequest(challenge)).request,
    known.identity ?? await ctx.storage.identities.getIdentity(session.identity_id),
  );

/**
 * Accepted for the session's identity and bound to the session: only the browser holding this
 * session's cookie can redeem the login verifier (docs/security.md AS-21).
 */
const accept = async (ctx: IdentityContext, challenge: string, session: Session): Promise<string> => {
  const { redirectTo } = await ctx.oauth2.acceptLoginRequest(challenge, {
    subject: session.identity_id,
    remember: true,
    rememberFor: Math.floor(ctx.config.session.lifespan / 1000),
    acr: session.authenticator_assurance_level,
    amr: amrOf(session),
    identityProviderSessionId: session.id,
    completedInIdentitySession: session.id,
  });
  return redirectTo;
};

/**
 * Where the browser goes next with this session: the aal2 step-up when the OAuth2 login needs a
 * second factor the session lacks (required-aal.ts), else the accepted login's `redirect_to`.
 */
export const continueOAuth2Login = async (
  ctx: IdentityContext, challenge: string, session: Session, known: KnownLogin = {},
): Promise<{ redirectTo: string; steppingUp: boolean }> => {
  if (lacksRequiredAal(session.authenticator_assurance_level, await requiredAal(ctx, challenge, session, known))) {
    return { redirectTo: oauth2StepUpUrl(ctx, challenge), steppingUp: true };
  }
  return { redirectTo: await accept(ctx, challenge, session), steppingUp: false };
};

/**
 * Returns the OAuth2 flow's continuation (`redirect_to`). Refuses an aal1 session where the login
 * needs aal2: callers step up first, and this check keeps a missed step-up from reaching the app.
 */
export const acceptOAuth2Login = async (ctx: IdentityContext, challenge: string, session: Session, known: KnownLogin = {}): Promise<string> => {
  if (lacksRequiredAal(session.authenticator_assurance_level, await requiredAal(ctx, challenge, session, known))) {
    const redirect = oauth2StepUpUrl(ctx, challenge);
    throw new SessionAal2Required('This OAuth2 login needs the second factor (aal2) before it can be accepted.', {
      reason: 'The authorization asked for acr_values=aal2, or the configuration requires the highest available level, and this identity has a second factor.',
      details: { redirect_browser_to: redirect },
      extra: { redirect_browser_to: redirect },
    });
  }
  return accept(ctx, challenge, session);
};
