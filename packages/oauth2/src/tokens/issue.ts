import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { mintAccessToken } from './access-token.ts';
import { signIdToken } from './id-token.ts';
import { lifespansFor, type IssuingGrant } from './lifespan.ts';
import type { GrantSession } from './records.ts';
import { issueRefreshToken } from './refresh-token.ts';
import { toSeconds } from './time.ts';

/** The successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3). */
export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token?: string;
}

export interface IssueRequest {
  grant: IssuingGrant;
  client: OAuth2Client;
  /** The session of the new access token; its scope is what the token grants. */
  session: GrantSession;
  /** Issue a refresh token carrying this session (the full granted scope). */
  refresh?: { session: GrantSession; offline: boolean };
  /** Issue an ID token (scope has `openid`); nonce only on the authorization code grant. */
  idToken?: { nonce: string };
  /**
   * A check that must see every new record committed (the refresh grant's re-check): it starts as
   * soon as they are, while the ID token may still be signing, and nothing is returned before it ends.
   */
  onceStored?: () => Promise<void>;
}

/** What was issued: the response plus the signatures the grant step may need. */
export interface Issued {
  response: TokenResponse;
  accessTokenSignature: string;
}

/**
 * Issues the access token and the refresh and ID tokens the request asks for. The three are
 * independent once the access token is minted, so their writes share one group commit and the ID
 * token is signed meanwhile, as is the request's `onceStored` check once the writes are committed;
 * nothing is returned before every record is stored and that check has passed.
 */
export const issueTokens = async (ctx: OAuth2Context, request: IssueRequest): Promise<Issued> => {
  const lifespans = lifespansFor(request.client, request.grant, ctx.config.ttl);
  const access = await mintAccessToken(ctx, request.client, request.session, lifespans.accessToken);
  const { refresh, idToken, onceStored } = request;
  const stored = Promise.all([
    access.stored,
    refresh && issueRefreshToken(ctx, {
      session: refresh.session,
      accessTokenSignature: access.signature,
      offline: refresh.offline,
      lifetimeMs: lifespans.refreshToken,
    }),
  ]);
  const [[, refreshToken], signedIdToken] = await Promise.all([
    onceStored === undefined ? stored : stored.then(async (records) => {
      await onceStored();
      return records;
    }),
    idToken && signIdToken(ctx, { session: request.session, accessToken: access.token, nonce: idToken.nonce, lifetimeMs: lifespans.idToken }),
  ]);
  const response: TokenResponse = {
    access_token: access.token,
    token_type: 'bearer',
    expires_in: toSeconds(lifespans.accessToken),
    scope: request.session.scope.join(' '),
  };
  if (refreshToken !== undefined) response.refresh_token = refreshToken;
  if (signedIdToken !== undefined) response.id_token = signedIdToken;
  return { response, accessTokenSignature: access.signature };
};
