import type { OAuth2Context } from '../context.ts';
import { mintToken } from './opaque.ts';
import type { GrantSession } from './records.ts';

export interface RefreshTokenInput {
  session: GrantSession;
  /** The access token issued with it: revoked when this refresh token is used or revoked. */
  accessTokenSignature: string;
  /** With offline_access it outlives the login session (OIDC Core §11). */
  offline: boolean;
  /** 0 or less: no expiry. */
  lifetimeMs: number;
}

/** Mints an opaque refresh token (`ory_rt_…`) and stores its record under the keyed hash. */
export const issueRefreshToken = async (ctx: OAuth2Context, input: RefreshTokenInput): Promise<string> => {
  const { token, signature } = mintToken('refresh', ctx.hasher);
  const issuedAt = ctx.now();
  await ctx.storage.tokens.createRefreshToken({
    signature,
    session: input.session,
    accessTokenSignature: input.accessTokenSignature,
    offline: input.offline,
    issuedAt,
    expiresAt: input.lifetimeMs > 0 ? issuedAt + input.lifetimeMs : null,
    usedAt: null,
    revokedAt: null,
  });
  return token;
};
