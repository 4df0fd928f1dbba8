/**
 * CSRF protection of browser flows (docs/security.md ID-10): a synchronizer token bound to a
 * per-browser secret. The browser holds the secret in the HttpOnly `olympus_csrf` cookie; the flow's
 * hidden `csrf_token` node holds HMAC(system secret, cookie secret + flow id), so a token is good
 * only for its flow and in the browser that created it. Native (api) flows have no CSRF.
 */
import { constantTimeEqual, randomToken } from '@olympus/crypto';
import type { IdentityContext } from '../context.ts';
import type { SelfServiceFlow } from '../flows/flow.ts';
import { SecurityCsrfViolation } from '../errors.ts';
import { CSRF_HINTS, type CsrfRejectReason } from './hints.ts';

export const CSRF_COOKIE = 'olympus_csrf';
const PURPOSE = 'identity-csrf';

/** A fresh per-browser secret (256 bits), the cookie's value. */
export const newCsrfSecret = (): string => randomToken();

/** The token the flow's `csrf_token` node carries for this browser. */
export const csrfTokenFor = (ctx: IdentityContext, secret: string, flowId: string): string =>
  ctx.hasher.hash(`${secret}\0${flowId}`, PURPOSE);

export interface CsrfEvidence {
  /** The `olympus_csrf` cookie's value, if the browser sent it. */
  cookie?: string;
  /** The `csrf_token` form field, else the X-CSRF-Token header. */
  token?: string;
}

const violation = (reason: CsrfRejectReason): SecurityCsrfViolation =>
  new SecurityCsrfViolation('The request was refused to protect you from cross-site request forgery.', {
    reason: 'Please retry the flow: start it again from the beginning in this browser.',
    details: { reject_reason: reason, hint: CSRF_HINTS[reason] },
    debug: `CSRF check failed: ${reason}`,
  });

/**
 * Throws SecurityCsrfViolation (403) naming which half was missing or different. The comparison
 * runs in constant time against every hash the token may be under (secret rotation).
 */
export const checkCsrf = (ctx: IdentityContext, flow: SelfServiceFlow, evidence: CsrfEvidence): void => {
  if (flow.type !== 'browser') return;
  if (!evidence.cookie) throw violation('cookie_missing');
  if (!evidence.token) throw violation('token_missing');
  const expected = ctx.hasher.candidates(`${evidence.cookie}\0${flow.id}`, PURPOSE);
  let match = false;
  for (const candidate of expected) match = constantTimeEqual(candidate, evidence.token) || match;
  if (!match) throw violation('token_mismatch');
};
