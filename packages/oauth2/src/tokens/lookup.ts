import type { KeyedHasher } from '@olympus/crypto';
import type { OAuth2Context } from '../context.ts';
import { TOKEN_PREFIX, tokenSignatures } from './opaque.ts';
import type { AccessTokenRecord, RefreshTokenRecord } from './records.ts';

/** Three base64url segments: a JWS compact serialisation (a JWT access token, RFC 9068). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Signatures an access token may be stored under. Opaque tokens carry the `ory_at_` prefix; JWT
 * access tokens are stored under the keyed hash of the whole JWT, so both kinds are found the same way.
 */
export const accessTokenSignatures = (token: string, hasher: KeyedHasher): string[] => {
  if (token.startsWith(TOKEN_PREFIX.access)) return tokenSignatures('access', token, hasher);
  return JWT_SHAPE.test(token) ? hasher.candidates(token, 'access') : [];
};

export interface Found<T> {
  signature: string;
  record: T;
}

/**
 * The first of the signatures a token may be stored under (one per system secret, rotation included)
 * under which `read` finds it.
 */
const firstStored = async <T>(signatures: readonly string[], read: (signature: string) => Promise<T | undefined>): Promise<Found<T> | undefined> => {
  for (const signature of signatures) {
    const record = await read(signature);
    if (record) return { signature, record };
  }
  return undefined;
};

export const findAccessToken = (ctx: Pick<OAuth2Context, 'storage' | 'hasher'>, token: string): Promise<Found<AccessTokenRecord> | undefined> =>
  firstStored(accessTokenSignatures(token, ctx.hasher), (signature) => ctx.storage.tokens.getAccessToken(signature));

export const findRefreshToken = (ctx: Pick<OAuth2Context, 'storage' | 'hasher'>, token: string): Promise<Found<RefreshTokenRecord> | undefined> =>
  firstStored(tokenSignatures('refresh', token, ctx.hasher), (signature) => ctx.storage.tokens.getRefreshToken(signature));

/** A refresh token read and, when every check before its consume was on its own row, consumed with it. */
export interface Taken<T> extends Found<T> {
  consumed: boolean;
}

/** TokenStore.takeRefreshToken under each signature the token may be stored under. */
export const takeRefreshToken = async (
  ctx: Pick<OAuth2Context, 'storage' | 'hasher' | 'now'>,
  token: string,
  clientId: string,
): Promise<Taken<RefreshTokenRecord> | undefined> => {
  const taken = await firstStored(tokenSignatures('refresh', token, ctx.hasher), (signature) =>
    ctx.storage.tokens.takeRefreshToken(signature, ctx.now(), clientId));
  return taken && { signature: taken.signature, ...taken.record };
};

/** Why an access token is not usable, or undefined when it is (RFC 6750 §3.1 invalid_token). */
export const accessTokenProblem = (record: AccessTokenRecord, now: number): string | undefined => {
  if (record.revokedAt !== null) return 'The access token has been revoked.';
  if (record.expiresAt <= now) return 'The access token has expired.';
  return undefined;
};
