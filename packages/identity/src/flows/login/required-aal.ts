/**
 * The authenticator assurance level an OAuth2 login must reach before its login request is
 * accepted (NIST 800-63B §4; Kratos' levels aal1/aal2 as ACR values). An OAuth2 login needs aal2
 * when the identity has a second factor (TOTP or lookup secrets) AND either
 *  - the authorization request asks for it: `acr_values` contains `aal2` (OIDC Core §3.1.2.1), or
 *  - the operator demands the highest level everywhere: `session.whoami.required_aal: highest_available`.
 * An identity without a second factor cannot step up: its login is accepted at aal1 and the ID
 * token's `acr` says so — acr_values is a voluntary request (OIDC Core §5.5.1.1), the app judges
 * `acr`, and the user is not stranded on a second-factor page that offers nothing.
 */
import type { OlympusConfig } from '@olympus/config';
import type { LoginRequest } from '@olympus/oauth2';
import type { Identity } from '../../identities/identity.ts';
import { hasSecondFactor } from '../../sessions/aal.ts';
import type { Aal } from '../../sessions/session.ts';

/** What of the login request the rule reads: the OIDC `acr_values`, else those in the request URL. */
export type AalRequestInput = Pick<LoginRequest, 'requestUrl'> & { oidcContext: Pick<LoginRequest['oidcContext'], 'acrValues'> };

export const requestedAcrValues = (request: AalRequestInput | undefined): string[] => {
  const listed = request?.oidcContext.acrValues;
  if (listed !== undefined && listed.length > 0) return listed;
  try {
    return (new URL(request?.requestUrl ?? '').searchParams.get('acr_values') ?? '').split(' ').filter(Boolean);
  } catch {
    return [];
  }
};

export const requiredAalForOAuth2 = (
  config: Pick<OlympusConfig, 'session'>,
  request: AalRequestInput | undefined,
  identity: Identity | undefined,
): Aal => {
  if (identity === undefined || !hasSecondFactor(identity)) return 'aal1';
  if (requestedAcrValues(request).includes('aal2')) return 'aal2';
  return config.session.whoamiRequiredAal === 'highest_available' ? 'aal2' : 'aal1';
};

/** True when `sessionAal` falls short of what the OAuth2 login needs. */
export const lacksRequiredAal = (sessionAal: Aal, required: Aal): boolean => required === 'aal2' && sessionAal !== 'aal2';
