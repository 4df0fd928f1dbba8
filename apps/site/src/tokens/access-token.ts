/**
 * An access token as its resource server would check it: a JWT access token (RFC 9068 §4) by its
 * signature against this server's JWKS, its issuer and expiry; an opaque one (`ory_at_…`) carries
 * nothing to check and is asked about at the introspection endpoint (RFC 7662).
 */
import type { JSONWebKeySet } from 'jose';
import { notApplicable, type TokenCheck } from './check.ts';
import { checkExpiry, checkIssuer, checkNotBefore } from './claim-checks.ts';
import { decodeToken } from './decode.ts';
import { checkAlg, checkSignature } from './signature.ts';

export interface AccessTokenExpectations {
  issuer: string;
  /** Epoch milliseconds (ctx.now()). */
  now: number;
}

export const checkAccessToken = async (token: string, jwks: JSONWebKeySet, expect: AccessTokenExpectations): Promise<TokenCheck[]> => {
  const decoded = decodeToken(token);
  if (decoded.kind === 'opaque') return [notApplicable('opaque', 'RFC 7662 §2', 'tokens.reason.opaque.introspect')];
  const { header, payload } = decoded;
  const notBefore = checkNotBefore(payload, expect.now);
  return [
    await checkSignature(token.trim(), header, jwks),
    checkAlg(header, jwks),
    checkIssuer(payload, expect.issuer),
    checkExpiry(payload, expect.now),
    ...(notBefore === undefined ? [] : [notBefore]),
  ];
};
