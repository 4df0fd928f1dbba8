/**
 * An access token as its resource server would check it: a JWT access token (RFC 9068 §4) by its
 * signature against this server's JWKS, its issuer and expiry; an opaque one (`ory_at_…`) carries
 * nothing to check and is asked about at the introspection endpoint (RFC 7662).
 */
import type { JSONWebKeySet } from 'jose';
import { notApplicable, type TokenCheck } from './check.ts';
import { checkExpiry } from './claim-checks.ts';
import { checkSignedJwt, notBeforeIfPresent } from './signed-jwt.ts';

export interface AccessTokenExpectations {
  issuer: string;
  /** Epoch milliseconds (ctx.now()). */
  now: number;
}

export const checkAccessToken = (token: string, jwks: JSONWebKeySet, expect: AccessTokenExpectations): Promise<TokenCheck[]> =>
  checkSignedJwt(token, jwks, expect.issuer, notApplicable('opaque', 'RFC 7662 §2', 'tokens.reason.opaque.introspect'), (_header, payload) => [
    checkExpiry(payload, expect.now),
    ...notBeforeIfPresent(payload, expect.now),
  ]);
