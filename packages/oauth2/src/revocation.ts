import type { OAuth2Client } from './clients/client.ts';
import { authenticateClient } from './client-auth/authenticate.ts';
import { endpointsOf } from './endpoints.ts';
import type { OAuth2Context } from './context.ts';
import { InvalidRequest, OAuth2Error, TemporarilyUnavailable, UnauthorizedClient } from './errors.ts';
import { findAccessToken, findRefreshToken } from './tokens/lookup.ts';
import type { GrantSession } from './tokens/records.ts';

export interface RevocationInput {
  /** The parsed application/x-www-form-urlencoded body: token, token_type_hint, client credentials. */
  params: Record<string, string>;
  authorization: string | undefined;
  requestId: string;
}

/** RFC 7009 §2.1: a client revokes only tokens issued to it; the token stays active otherwise. */
const checkOwner = (client: OAuth2Client, session: GrantSession): void => {
  if (session.clientId === client.client_id) return;
  throw new UnauthorizedClient('The token was issued to another client.', {
    hint: `Client "${client.client_id}" may revoke only its own tokens (RFC 7009 §2.1).`,
  });
};

type Outcome = 'access_token' | 'refresh_token' | 'unknown';

const revokeAccess = async (ctx: OAuth2Context, client: OAuth2Client, token: string): Promise<boolean> => {
  const found = await findAccessToken(ctx, token);
  if (!found) return false;
  checkOwner(client, found.record.session);
  await ctx.storage.tokens.revokeAccessToken(found.signature, ctx.now());
  return true;
};

/** RFC 7009 §2.1: revoking a refresh token SHOULD also invalidate the access tokens of the same grant. */
const revokeRefresh = async (ctx: OAuth2Context, client: OAuth2Client, token: string): Promise<boolean> => {
  const found = await findRefreshToken(ctx, token);
  if (!found) return false;
  checkOwner(client, found.record.session);
  await ctx.storage.tokens.revokeGrant(found.record.session.grantId, ctx.now());
  return true;
};

/** token_type_hint only orders the lookups (RFC 7009 §2.1: "the server MUST extend its search"). */
const revoke = async (ctx: OAuth2Context, client: OAuth2Client, token: string, hint: string | undefined): Promise<Outcome> => {
  const order = hint === 'refresh_token' ? (['refresh_token', 'access_token'] as const) : (['access_token', 'refresh_token'] as const);
  for (const kind of order) {
    const revoked = kind === 'access_token' ? await revokeAccess(ctx, client, token) : await revokeRefresh(ctx, client, token);
    if (revoked) return kind;
  }
  return 'unknown';
};

/**
 * The revocation endpoint (RFC 7009, AS-32). An unknown token is a success (§2.2); a storage failure
 * is 503 temporarily_unavailable, never a 200 that would claim a revocation that did not happen
 * (CVE-2020-15223). The failure is not logged here: it travels as the 503's `cause`, so the HTTP edge
 * answers a database outage and logs it once, as it does for every route (docs/operations/faults.md).
 */
export const handleRevocationRequest = async (ctx: OAuth2Context, input: RevocationInput): Promise<void> => {
  const { params, requestId } = input;
  const log = { trace_id: requestId, request_id: requestId, client_id: params.client_id };
  try {
    const client = await authenticateClient(ctx, {
      authorization: input.authorization,
      body: params,
      endpointUrl: endpointsOf(ctx.config).revocation,
    });
    log.client_id = client.client_id;
    if (!params.token) throw new InvalidRequest('The request is missing the token parameter.');
    const outcome = await revoke(ctx, client, params.token, params.token_type_hint);
    ctx.log.info({ ...log, token_use: outcome }, outcome === 'unknown' ? 'revocation of an unknown token' : 'token revoked');
  } catch (err) {
    if (err instanceof OAuth2Error) {
      ctx.log.info({ ...log, error: err.error, hint: err.hint }, 'revocation refused');
      throw err;
    }
    const unavailable = new TemporarilyUnavailable('The token could not be revoked right now; try again.', { debug: String(err) });
    unavailable.cause = err;
    throw unavailable;
  }
};
