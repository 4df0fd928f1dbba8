/**
 * The continuity record of one round trip to a provider: which flow it serves, the provider, and the
 * state, nonce and PKCE verifier sent with it. It travels sealed (AES-GCM, docs/architecture.md §6) in a
 * cookie of this browser, so the callback is accepted only in the browser that started it, for that
 * flow, once its state matches (RFC 6749 §10.12, OIDC Core §15.5.2; docs/security.md ID-21).
 */
import type { IdentityContext } from '../../context.ts';
import { OidcContinuityViolation } from '../../errors.ts';
import type { FlowKind } from '../../flows/flow.ts';

/** HttpOnly, SameSite=Lax (the callback is a top-level GET from the provider's site), Path=/. */
export const CONTINUITY_COOKIE = 'olympus_oidc_continuity';
const PURPOSE = 'oidc-continuity';

export interface Continuity {
  flowId: string;
  /** A settings flow links the provider to the signed-in identity (settings.ts). */
  flowKind: Extract<FlowKind, 'login' | 'registration' | 'settings'>;
  provider: string;
  state: string;
  nonce: string;
  /** The PKCE code_verifier (RFC 7636 §4.1), when the provider gets a challenge. */
  verifier?: string;
  /** Epoch ms: the flow's own expiry. */
  expiresAt: number;
}

export const sealContinuity = (ctx: IdentityContext, continuity: Continuity): string => ctx.sealer.seal(JSON.stringify(continuity), PURPOSE);

const violation = (rejectReason: string, reason: string): OidcContinuityViolation =>
  new OidcContinuityViolation('The sign-in with the provider could not be continued in this browser.', {
    reason,
    details: { reject_reason: rejectReason, cookie: CONTINUITY_COOKIE },
  });

const LIKELY_CAUSES =
  'The usual causes: the sign-in was started on another host name than the callback (localhost and 127.0.0.1 are different sites), '
  + 'the cookie was blocked (SameSite, a Secure cookie over http, a privacy setting), the cookies were cleared, '
  + 'or the callback URL was opened in another browser.';

/** The record the cookie carries; throws naming the cookie and what went wrong. */
export const openContinuity = (ctx: IdentityContext, cookie: string | undefined): Continuity => {
  if (!cookie) throw violation('cookie_missing', `The ${CONTINUITY_COOKIE} cookie did not come back with the provider's callback. ${LIKELY_CAUSES}`);
  const opened = ctx.sealer.open(cookie, PURPOSE);
  if (opened === undefined) {
    throw violation('cookie_invalid', `The ${CONTINUITY_COOKIE} cookie cannot be opened: it was altered, or sealed with a secret this server no longer has (secrets.system rotated). Start the sign-in again.`);
  }
  const continuity = JSON.parse(opened) as Continuity;
  if (continuity.expiresAt <= ctx.now()) {
    throw violation('expired', `The ${CONTINUITY_COOKIE} cookie belongs to a sign-in whose flow expired; start the sign-in again.`);
  }
  return continuity;
};

/** The callback must be for the provider and state this browser's record names. */
export const checkCallbackMatches = (continuity: Continuity, providerId: string, stateMatches: boolean): void => {
  if (continuity.provider !== providerId) {
    throw violation('provider_mismatch', `The callback is for the provider "${providerId}", but this browser started a sign-in with "${continuity.provider}" (${CONTINUITY_COOKIE}).`);
  }
  if (!stateMatches) {
    throw violation('state_mismatch', `The callback's state parameter is not the one this browser's ${CONTINUITY_COOKIE} cookie holds: the callback belongs to another sign-in `
      + '(an older tab, another browser, or a forged link). Start the sign-in again.');
  }
};
