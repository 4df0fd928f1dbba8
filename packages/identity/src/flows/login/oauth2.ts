/**
 * A login flow created with a login_challenge ends by accepting that OAuth2 login request itself
 * (Kratos' Hydra integration, ory-api.md §4.2): subject = identity id, remembered as long as the
 * session lives, acr = the session's level and amr from the methods used (RFC 8176 values).
 */
import { acceptLoginRequest } from '@olympus/oauth2';
import type { IdentityContext } from '../../context.ts';
import type { Session, AuthenticationMethod } from '../../sessions/session.ts';

/** RFC 8176 §2 has no value for a federated login (oidc), so it adds none. */
const AMR: Partial<Record<AuthenticationMethod['method'], string>> = {
  password: 'pwd', totp: 'otp', lookup_secret: 'otp', code: 'otp', webauthn: 'hwk',
};

export const amrOf = (session: Session): string[] => {
  const values = new Set(session.authentication_methods.flatMap((m) => (AMR[m.method] ? [AMR[m.method] as string] : [])));
  if (session.authenticator_assurance_level === 'aal2') values.add('mfa');
  return [...values];
};

/** Returns the OAuth2 flow's continuation (`redirect_to`). */
export const acceptOAuth2Login = async (ctx: IdentityContext, challenge: string, session: Session): Promise<string> => {
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
