/**
 * Reads a token without trusting it: a JWS in compact form (RFC 7515 §7.1) is decoded into its
 * protected header and payload; anything else is opaque (Olympus' `ory_at_…` access tokens, or a
 * string that is not three base64url parts) and only introspection (RFC 7662) can say what it is.
 */
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';

/** Why a token could not be decoded as a JWT. */
export type OpaqueReason = 'ory_prefix' | 'not_three_parts' | 'undecodable';

export type DecodedToken =
  | { kind: 'jwt'; header: ProtectedHeaderParameters; payload: JWTPayload }
  | { kind: 'opaque'; reason: OpaqueReason };

/** Three base64url parts; the signature may be empty (an unsecured JWT, `alg: none`, RFC 7519 §6). */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export const decodeToken = (raw: string): DecodedToken => {
  const token = raw.trim();
  if (/^ory_[a-z]{2}_/.test(token)) return { kind: 'opaque', reason: 'ory_prefix' };
  if (!COMPACT_JWS.test(token)) return { kind: 'opaque', reason: 'not_three_parts' };
  try {
    return { kind: 'jwt', header: decodeProtectedHeader(token), payload: decodeJwt(token) };
  } catch {
    return { kind: 'opaque', reason: 'undecodable' };
  }
};
