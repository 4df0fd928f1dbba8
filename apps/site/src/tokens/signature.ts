/**
 * The signature and `alg` of a JWS against this server's JWKS (OIDC Core §3.1.3.7 (6), (7);
 * RFC 7515 §5.2). jose picks the key by `kid` (or, without one, every key of that `alg`) and
 * verifies; the reasons tell an unknown key from a signature the named key does not produce.
 */
import { compactVerify, createLocalJWKSet, errors, type JSONWebKeySet, type ProtectedHeaderParameters } from 'jose';
import { failed, notApplicable, passed, type TokenCheck } from './check.ts';

const keyWithKid = (jwks: JSONWebKeySet, kid: string | undefined) => (kid === undefined ? undefined : jwks.keys.find((k) => k.kid === kid));

/** Tries each key jose found for a header without `kid` (it leaves that loop to the caller). */
const anyKeyVerifies = async (token: string, candidates: errors.JWKSMultipleMatchingKeys): Promise<boolean> => {
  for await (const key of candidates) {
    if (await compactVerify(token, key).then(() => true, () => false)) return true;
  }
  return false;
};

/** A key of this JWKS other than the named one that verifies the token: it was signed under the wrong `kid`. */
const otherKidThatVerifies = async (token: string, jwks: JSONWebKeySet, header: ProtectedHeaderParameters): Promise<string | undefined> => {
  for (const jwk of jwks.keys.filter((k) => k.kid !== header.kid && (k.alg === undefined || k.alg === header.alg))) {
    const verifies = await compactVerify(token, createLocalJWKSet({ keys: [{ ...jwk, kid: header.kid }] })).then(() => true, () => false);
    if (verifies) return jwk.kid ?? '';
  }
  return undefined;
};

const SOURCE = 'OpenID Connect Core 1.0 §3.1.3.7 (6); RFC 7515 §5.2';

export const checkSignature = async (token: string, header: ProtectedHeaderParameters, jwks: JSONWebKeySet): Promise<TokenCheck> => {
  const { alg, kid } = header;
  // An unsecured JWT (RFC 7519 §6) proves nothing; OIDC Core §3.1.3.7 (6) needs a signature.
  if (alg === undefined || alg === 'none') return failed('signature', SOURCE, 'tokens.reason.signature.unsigned');
  if (kid !== undefined && keyWithKid(jwks, kid) === undefined) return failed('signature', SOURCE, 'tokens.reason.signature.unknown_kid', { kid });
  try {
    await compactVerify(token, createLocalJWKSet(jwks));
    return kid === undefined ? passed('signature', SOURCE, 'tokens.reason.signature.verified_no_kid', { alg }) : passed('signature', SOURCE, 'tokens.reason.signature.verified', { kid, alg });
  } catch (err) {
    if (err instanceof errors.JWKSMultipleMatchingKeys) {
      return (await anyKeyVerifies(token, err)) ? passed('signature', SOURCE, 'tokens.reason.signature.verified_no_kid', { alg }) : failed('signature', SOURCE, 'tokens.reason.signature.no_key_verifies', { alg });
    }
    if (err instanceof errors.JWKSNoMatchingKey) {
      return kid === undefined ? failed('signature', SOURCE, 'tokens.reason.signature.no_key_for_alg', { alg }) : failed('signature', SOURCE, 'tokens.reason.signature.key_not_for_alg', { kid, alg });
    }
    if (err instanceof errors.JWSSignatureVerificationFailed) {
      const other = kid === undefined ? undefined : await otherKidThatVerifies(token, jwks, header);
      if (other !== undefined) return failed('signature', SOURCE, 'tokens.reason.signature.wrong_kid', { kid: kid ?? '', other });
      return failed('signature', SOURCE, kid === undefined ? 'tokens.reason.signature.no_key_verifies' : 'tokens.reason.signature.mismatch', { kid: kid ?? '', alg });
    }
    if (err instanceof errors.JOSENotSupported) return failed('signature', SOURCE, 'tokens.reason.signature.unsupported_alg', { alg });
    return failed('signature', SOURCE, 'tokens.reason.signature.malformed');
  }
};

const ALG_SOURCE = 'OpenID Connect Core 1.0 §3.1.3.7 (7); RFC 8725 §3.1';

/** The header's `alg` is the one the signing key is published for, and never `none` (RFC 8725 §3.1: never trust the header's choice alone). */
export const checkAlg = (header: ProtectedHeaderParameters, jwks: JSONWebKeySet): TokenCheck => {
  const { alg, kid } = header;
  if (alg === undefined || alg === 'none') return failed('alg', ALG_SOURCE, 'tokens.reason.alg.none');
  const key = keyWithKid(jwks, kid);
  if (kid !== undefined && key === undefined) return notApplicable('alg', ALG_SOURCE, 'tokens.reason.alg.no_key', { alg, kid });
  if (key !== undefined) {
    if (key.alg === undefined) return passed('alg', ALG_SOURCE, 'tokens.reason.alg.key_without_alg', { alg, kid: kid ?? '' });
    return key.alg === alg ? passed('alg', ALG_SOURCE, 'tokens.reason.alg.matches_key', { alg, kid: kid ?? '' }) : failed('alg', ALG_SOURCE, 'tokens.reason.alg.differs', { alg, kid: kid ?? '', keyAlg: key.alg });
  }
  return jwks.keys.some((k) => k.alg === alg) ? passed('alg', ALG_SOURCE, 'tokens.reason.alg.published', { alg }) : failed('alg', ALG_SOURCE, 'tokens.reason.alg.not_published', { alg });
};
