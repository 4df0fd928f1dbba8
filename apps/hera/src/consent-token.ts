/**
 * The consent form's CSRF token (security-checklist AS-21): the challenge and the browser's CSRF
 * cookie secret sealed together, so a form posted from elsewhere, for another challenge or from
 * another browser is refused.
 */
import { constantTimeEqual, type Sealer } from '@olympus/crypto';

const PURPOSE = 'hera-consent-form';

export const sealConsentToken = (sealer: Sealer, challenge: string, csrfSecret: string): string =>
  sealer.seal(JSON.stringify({ challenge, csrfSecret }), PURPOSE);

export const consentTokenMatches = (sealer: Sealer, token: string | undefined, challenge: string, csrfSecret: string | undefined): boolean => {
  const opened = token && csrfSecret ? sealer.open(token, PURPOSE) : undefined;
  if (opened === undefined) return false;
  const sealed = JSON.parse(opened) as { challenge: string; csrfSecret: string };
  return constantTimeEqual(sealed.challenge, challenge) && constantTimeEqual(sealed.csrfSecret, csrfSecret as string);
};
