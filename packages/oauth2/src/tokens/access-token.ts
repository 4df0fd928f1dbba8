import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { signJwtAccessToken } from './jwt-access-token.ts';
import { mintToken } from './opaque.ts';
import type { GrantSession } from './records.ts';
import { accessTokenStrategyOf } from './strategy.ts';

export interface IssuedToken {
  token: string;
  signature: string;
  expiresAt: number;
}

export interface MintedAccessToken extends IssuedToken {
  /** Resolves once the record is stored; the token must not be handed out before. */
  stored: Promise<void>;
}

/**
 * Mints an access token in the client's strategy and starts storing its record. Either way storage
 * keys it by the keyed hash of the whole token, so revocation and introspection treat both alike.
 */
export const mintAccessToken = async (
  ctx: OAuth2Context,
  client: OAuth2Client,
  session: GrantSession,
  lifetimeMs: number,
): Promise<MintedAccessToken> => {
  const issuedAt = ctx.now();
  const expiresAt = issuedAt + lifetimeMs;
  let token: string;
  let signature: string;
  if (accessTokenStrategyOf(client, ctx.config) === 'jwt') {
    token = await signJwtAccessToken(ctx, session, issuedAt, expiresAt);
    signature = ctx.hasher.hash(token, 'access');
  } else {
    ({ token, signature } = mintToken('access', ctx.hasher));
  }
  const stored = ctx.storage.tokens.createAccessToken({ signature, session, issuedAt, expiresAt, revokedAt: null });
  return { token, signature, expiresAt, stored };
};
