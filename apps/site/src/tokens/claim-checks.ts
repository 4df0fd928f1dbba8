/**
 * Checks of the claims every JWT this server signs carries: who issued it, for whom, and when it
 * is valid (OIDC Core §3.1.3.7 (2)–(5), (9), (10); RFC 7519 §4.1). Times are NumericDates (seconds);
 * `nowMs` is the page's clock in milliseconds, like ctx.now().
 */
import type { JWTPayload } from 'jose';
import { audiencesOf, failed, LEEWAY_SECONDS, notApplicable, passed, type TokenCheck } from './check.ts';

const step = (n: number): string => `OpenID Connect Core 1.0 §3.1.3.7 (${n})`;
const seconds = (nowMs: number): number => Math.floor(nowMs / 1000);

/** (2) The issuer is exactly this server's: same scheme, host, port and path, a trailing slash included. */
export const checkIssuer = (payload: JWTPayload, issuer: string): TokenCheck => {
  if (payload.iss === undefined) return failed('iss', step(2), 'tokens.reason.iss.missing', { issuer });
  return payload.iss === issuer ? passed('iss', step(2), 'tokens.reason.iss.matches', { issuer }) : failed('iss', step(2), 'tokens.reason.iss.differs', { iss: payload.iss, issuer });
};

/** (3) The client is one of the audiences. */
export const checkAudience = (payload: JWTPayload, clientId: string): TokenCheck => {
  const audiences = audiencesOf(payload.aud);
  if (audiences.length === 0) return failed('aud', step(3), 'tokens.reason.aud.missing', { clientId });
  return audiences.includes(clientId) ? passed('aud', step(3), 'tokens.reason.aud.contains', { clientId }) : failed('aud', step(3), 'tokens.reason.aud.lacks', { aud: audiences.join(', '), clientId });
};

/** (4) several audiences need `azp`; (5) an `azp` present names this client. */
export const checkAuthorizedParty = (payload: JWTPayload, clientId: string): TokenCheck => {
  const audiences = audiencesOf(payload.aud);
  if (typeof payload.azp === 'string') {
    return payload.azp === clientId ? passed('azp', step(5), 'tokens.reason.azp.matches', { clientId }) : failed('azp', step(5), 'tokens.reason.azp.differs', { azp: payload.azp, clientId });
  }
  if (audiences.length > 1) return failed('azp', step(4), 'tokens.reason.azp.required', { count: audiences.length });
  return notApplicable('azp', step(4), 'tokens.reason.azp.single_audience');
};

/** (9) The current time is before `exp`; no leeway: an expired token is refused by this server too. */
export const checkExpiry = (payload: JWTPayload, nowMs: number): TokenCheck => {
  if (payload.exp === undefined) return failed('exp', step(9), 'tokens.reason.exp.missing');
  return seconds(nowMs) < payload.exp ? passed('exp', step(9), 'tokens.reason.exp.future', { when: payload.exp }) : failed('exp', step(9), 'tokens.reason.exp.past', { when: payload.exp });
};

/** (10) `iat` is not in the future, allowing LEEWAY_SECONDS of clock skew between servers. */
export const checkIssuedAt = (payload: JWTPayload, nowMs: number): TokenCheck => {
  if (payload.iat === undefined) return failed('iat', step(10), 'tokens.reason.iat.missing');
  return payload.iat <= seconds(nowMs) + LEEWAY_SECONDS
    ? passed('iat', step(10), 'tokens.reason.iat.past', { when: payload.iat, leeway: LEEWAY_SECONDS })
    : failed('iat', step(10), 'tokens.reason.iat.future', { when: payload.iat, leeway: LEEWAY_SECONDS });
};

/** RFC 7519 §4.1.5: not accepted before `nbf` (with the same leeway); only checked when the claim is there. */
export const checkNotBefore = (payload: JWTPayload, nowMs: number): TokenCheck | undefined => {
  if (payload.nbf === undefined) return undefined;
  return payload.nbf <= seconds(nowMs) + LEEWAY_SECONDS
    ? passed('nbf', 'RFC 7519 §4.1.5', 'tokens.reason.nbf.past', { when: payload.nbf, leeway: LEEWAY_SECONDS })
    : failed('nbf', 'RFC 7519 §4.1.5', 'tokens.reason.nbf.future', { when: payload.nbf, leeway: LEEWAY_SECONDS });
};
