/**
 * What the inspector can check of a pasted token without knowing the request it came from:
 * its signature and `alg` against this server's JWKS (read in-process: nothing leaves the origin),
 * `iss`, whether an audience is a client registered here, and its times. Request-bound checks
 * (nonce, at_hash, max_age, acr) need the authorization request and live on the code-flow page.
 */
import type { OAuth2Context } from '@olympus/oauth2';
import {
  checkAlg, checkAudienceIsClient, checkExpiry, checkIssuedAt, checkIssuer, checkNotBefore, checkSignature, decodeToken, notApplicable, type TokenCheck,
} from '../tokens/index.ts';

export type InspectedKind = 'id_token' | 'access_token' | 'jwt' | 'opaque';

export interface Inspection {
  kind: InspectedKind;
  checks: TokenCheck[];
}

/** A guess for the heading only; every check runs whatever the guess. RFC 9068 §2.1 names `at+jwt`. */
const kindOf = (header: Record<string, unknown>, payload: Record<string, unknown>): InspectedKind => {
  if (/at\+jwt$/i.test(String(header.typ ?? '')) || 'scp' in payload || 'client_id' in payload) return 'access_token';
  if (['nonce', 'at_hash', 'auth_time', 'sid', 'azp'].some((claim) => claim in payload)) return 'id_token';
  return 'jwt';
};

const isClientOf = (ctx: OAuth2Context) => (id: string): Promise<boolean> =>
  ctx.clients.get(id).then((stored) => stored !== undefined, () => false);

export const inspectToken = async (ctx: OAuth2Context, raw: string): Promise<Inspection> => {
  const token = raw.trim();
  const decoded = decodeToken(token);
  if (decoded.kind === 'opaque') return { kind: 'opaque', checks: [notApplicable('opaque', 'RFC 7662 §2', 'tokens.reason.opaque.introspect')] };
  const { header, payload } = decoded;
  const now = ctx.now();
  const jwks = await ctx.keys.publicJwks();
  const notBefore = checkNotBefore(payload, now);
  return {
    kind: kindOf(header, payload),
    checks: [
      await checkSignature(token, header, jwks),
      checkAlg(header, jwks),
      checkIssuer(payload, ctx.config.urls.issuer),
      await checkAudienceIsClient(payload, isClientOf(ctx)),
      checkExpiry(payload, now),
      checkIssuedAt(payload, now),
      ...(notBefore === undefined ? [] : [notBefore]),
    ],
  };
};
