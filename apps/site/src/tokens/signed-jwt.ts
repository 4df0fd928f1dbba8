/**
 * What every check of a token starts with, whichever kind it is: decode it without trusting it; a
 * token that is no JWT gets the caller's one answer, a JWT its signature against the JWKS (RFC 7515
 * §5.2), its `alg` and its issuer (RFC 7519 §4.1.1) before the checks of its own kind.
 */
import type { JSONWebKeySet, JWTPayload, ProtectedHeaderParameters } from 'jose';
import type { TokenCheck } from './check.ts';
import { checkIssuer, checkNotBefore } from './claim-checks.ts';
import { decodeToken } from './decode.ts';
import { checkAlg, checkSignature } from './signature.ts';

export type ClaimChecks = (header: ProtectedHeaderParameters, payload: JWTPayload) => TokenCheck[];

export const checkSignedJwt = async (token: string, jwks: JSONWebKeySet, issuer: string, ifOpaque: TokenCheck, ownChecks: ClaimChecks): Promise<TokenCheck[]> => {
  const decoded = decodeToken(token);
  if (decoded.kind === 'opaque') return [ifOpaque];
  const { header, payload } = decoded;
  return [await checkSignature(token.trim(), header, jwks), checkAlg(header, jwks), checkIssuer(payload, issuer), ...ownChecks(header, payload)];
};

/** `nbf` is optional (RFC 7519 §4.1.5): checked only when the token carries it. */
export const notBeforeIfPresent = (payload: JWTPayload, nowMs: number): TokenCheck[] => {
  const check = checkNotBefore(payload, nowMs);
  return check === undefined ? [] : [check];
};
