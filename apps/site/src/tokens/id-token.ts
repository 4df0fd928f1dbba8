/**
 * Every check OpenID Connect Core 1.0 §3.1.3.7 asks of a relying party that receives an ID token
 * from the token endpoint, in the order it lists them, each ok / failed / not applicable with its
 * reason. Steps (1) (encrypted ID tokens) and (8) (MAC algorithms) do not arise: this server signs
 * ID tokens with its published asymmetric keys.
 */
import type { JSONWebKeySet } from 'jose';
import { failed, type TokenCheck } from './check.ts';
import { checkAudience, checkAuthorizedParty, checkExpiry, checkIssuedAt } from './claim-checks.ts';
import { checkAcr, checkAtHash, checkAuthTime, checkNonce } from './request-checks.ts';
import { checkSignedJwt, notBeforeIfPresent } from './signed-jwt.ts';

/** What the relying party knows from its own request; `now` in epoch milliseconds (ctx.now()). */
export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce?: string;
  /** The `max_age` sent, in seconds. */
  maxAge?: number;
  acrValues?: readonly string[];
  /** The access token returned with the ID token, for `at_hash`. */
  accessToken?: string;
  now: number;
}

// §2: the ID token is a JWT; something that is not one fails every check at once.
export const checkIdToken = (token: string, jwks: JSONWebKeySet, expect: IdTokenExpectations): Promise<TokenCheck[]> =>
  checkSignedJwt(token, jwks, expect.issuer, failed('opaque', 'OpenID Connect Core 1.0 §2', 'tokens.reason.opaque.id_token'), (header, payload) => [
    checkAudience(payload, expect.clientId),
    checkAuthorizedParty(payload, expect.clientId),
    checkExpiry(payload, expect.now),
    checkIssuedAt(payload, expect.now),
    ...notBeforeIfPresent(payload, expect.now),
    checkNonce(payload, expect.nonce),
    checkAcr(payload, expect.acrValues),
    checkAuthTime(payload, expect.maxAge, expect.now),
    checkAtHash(payload, header.alg, expect.accessToken),
  ]);
