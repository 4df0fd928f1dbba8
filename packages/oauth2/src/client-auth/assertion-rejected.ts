/** Turns jose's verification failure of a client assertion into invalid_client with a hint that names the cause. */
import { errors } from 'jose';
import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { endpointsOf } from '../endpoints.ts';
import { OAuth2Error } from '../errors.ts';
import type { ClientKeys } from './client-keys.ts';
import { clientAuthFailed } from './method.ts';

/**
 * Asymmetric algorithms only, as discovery advertises: client_secret_jwt (HMAC) is not offered,
 * since secrets are stored hashed (AS-27).
 */
export const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** The assertion's `kid` when the (well-formed) key set has no key with it, else undefined. */
export const unknownKid = (kid: string | undefined, keys: ClientKeys): string | undefined =>
  kid !== undefined && Array.isArray(keys.jwks.keys) && !keys.jwks.keys.some((key) => key?.kid === kid) ? kid : undefined;

/** A failure that a rotation at the client explains: no key matched, and the assertion names a kid the set lacks. */
export const isUnknownKeyFailure = (err: unknown, kid: string | undefined, keys: ClientKeys): boolean =>
  (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWSSignatureVerificationFailed) && unknownKid(kid, keys) !== undefined;

const noMatchingKey = (keys: ClientKeys, kid: string | undefined, debug: string): Error => {
  const missing = unknownKid(kid, keys);
  const why = missing === undefined ? '' : ` It names kid "${missing}", which ${keys.source} does not contain.`;
  return clientAuthFailed(`The client assertion's signature does not verify with any key in ${keys.source}.${why}`, debug);
};

export const assertionRejected = (err: unknown, ctx: OAuth2Context, client: OAuth2Client, keys: ClientKeys, kid: string | undefined): Error => {
  if (err instanceof OAuth2Error) return err;
  const debug = err instanceof Error ? err.message : String(err);
  if (err instanceof errors.JWTExpired) return clientAuthFailed('The client assertion has expired.', debug);
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') {
      return clientAuthFailed(
        `The client assertion's aud must contain the token endpoint URL "${endpointsOf(ctx.config).token}" or the issuer "${ctx.config.urls.issuer}".`,
        debug,
      );
    }
    if (err.claim === 'iss' || err.claim === 'sub') {
      return clientAuthFailed(`The client assertion's iss and sub must both be the client_id "${client.client_id}" (RFC 7523 §3).`, debug);
    }
    return clientAuthFailed(`The client assertion's "${err.claim}" claim is invalid: ${err.reason} (RFC 7523 §3).`, debug);
  }
  if (err instanceof errors.JOSEAlgNotAllowed) {
    const expected = client.token_endpoint_auth_signing_alg || ASYMMETRIC_ALGS.join(', ');
    return clientAuthFailed(`The client assertion is signed with an algorithm the client may not use; expected ${expected}.`, debug);
  }
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWSSignatureVerificationFailed) {
    return noMatchingKey(keys, kid, debug);
  }
  return clientAuthFailed('The client assertion is not a valid signed JWT.', debug);
};
