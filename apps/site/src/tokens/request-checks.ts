/**
 * Checks that compare an ID token with what the authorization request asked for: `nonce`,
 * `max_age`, `acr_values`, and the access token that came with it (`at_hash`). Each is "not
 * applicable" when the request did not ask, and says so.
 */
import type { JWTPayload } from 'jose';
import { expectedAtHash, hashNameFor } from './at-hash.ts';
import { failed, LEEWAY_SECONDS, notApplicable, passed, type TokenCheck } from './check.ts';

const step = (n: number): string => `OpenID Connect Core 1.0 §3.1.3.7 (${n})`;

/** (11) The nonce sent in the authorization request comes back unchanged (replay protection, §15.5.2). */
export const checkNonce = (payload: JWTPayload, sent: string | undefined): TokenCheck => {
  if (sent === undefined) return notApplicable('nonce', step(11), 'tokens.reason.nonce.not_sent');
  if (typeof payload.nonce !== 'string') return failed('nonce', step(11), 'tokens.reason.nonce.missing', { sent });
  return payload.nonce === sent ? passed('nonce', step(11), 'tokens.reason.nonce.matches') : failed('nonce', step(11), 'tokens.reason.nonce.differs', { nonce: payload.nonce, sent });
};

/** §3.1.3.6: optional in the code flow, but when present it must bind the access token. */
export const checkAtHash = (payload: JWTPayload, alg: string | undefined, accessToken: string | undefined): TokenCheck => {
  const source = 'OpenID Connect Core 1.0 §3.1.3.6';
  if (accessToken === undefined) return notApplicable('at_hash', source, 'tokens.reason.at_hash.no_access_token');
  if (typeof payload.at_hash !== 'string') return notApplicable('at_hash', source, 'tokens.reason.at_hash.absent');
  const hash = hashNameFor(alg ?? 'RS256').toUpperCase().replace('SHA', 'SHA-');
  const expected = expectedAtHash(accessToken, alg ?? 'RS256');
  return payload.at_hash === expected
    ? passed('at_hash', source, 'tokens.reason.at_hash.matches', { hash })
    : failed('at_hash', source, 'tokens.reason.at_hash.differs', { hash, expected, actual: payload.at_hash });
};

/** (13) With max_age, `auth_time` is required (§3.1.2.1) and no older than max_age seconds. */
export const checkAuthTime = (payload: JWTPayload, maxAge: number | undefined, nowMs: number): TokenCheck => {
  if (maxAge === undefined) return notApplicable('auth_time', step(13), 'tokens.reason.auth_time.no_max_age');
  if (typeof payload.auth_time !== 'number') return failed('auth_time', step(13), 'tokens.reason.auth_time.missing', { maxAge });
  const age = Math.floor(nowMs / 1000) - payload.auth_time;
  return age <= maxAge + LEEWAY_SECONDS
    ? passed('auth_time', step(13), 'tokens.reason.auth_time.within', { when: payload.auth_time, age, maxAge, leeway: LEEWAY_SECONDS })
    : failed('auth_time', step(13), 'tokens.reason.auth_time.too_old', { when: payload.auth_time, age, maxAge, leeway: LEEWAY_SECONDS });
};

/** (12) With acr_values, the asserted `acr` is one the client asked for. */
export const checkAcr = (payload: JWTPayload, acrValues: readonly string[] | undefined): TokenCheck => {
  if (acrValues === undefined || acrValues.length === 0) return notApplicable('acr', step(12), 'tokens.reason.acr.not_requested');
  const values = acrValues.join(' ');
  if (typeof payload.acr !== 'string') return failed('acr', step(12), 'tokens.reason.acr.missing', { values });
  return acrValues.includes(payload.acr) ? passed('acr', step(12), 'tokens.reason.acr.requested', { acr: payload.acr }) : failed('acr', step(12), 'tokens.reason.acr.other', { acr: payload.acr, values });
};
