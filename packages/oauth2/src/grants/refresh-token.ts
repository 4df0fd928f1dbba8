import type { OAuth2Client } from '../clients/client.ts';
import type { OAuth2Context } from '../context.ts';
import { InvalidRequest, InvalidScope } from '../errors.ts';
import { issueTokens } from '../tokens/issue.ts';
import { findRefreshToken, takeRefreshToken, type Found } from '../tokens/lookup.ts';
import type { RefreshTokenRecord } from '../tokens/records.ts';
import { isOpenId, parseScope, scopesNotIn } from '../tokens/scope.ts';
import { inFlow, invalidGrant, type GrantHandler, type GrantSeen } from './grant.ts';
import { loginSessionLive } from '../tokens/refresh-session.ts';

const REUSED = 'The refresh token was already used; every token of this grant has been revoked (RFC 9700 §4.14.2).';

/** RFC 9700 §4.14.2 (AS-14): a rotated refresh token presented again revokes the whole family. */
const revokeFamily = async (ctx: OAuth2Context, record: RefreshTokenRecord, seen: GrantSeen): Promise<never> => {
  const { session } = record;
  const now = ctx.now();
  seen.refresh = { record, familyRevokedAt: now };
  await ctx.storage.tokens.revokeGrant(session.grantId, now);
  ctx.log.warn({ trace_id: session.traceId, client_id: session.clientId, grant_id: session.grantId }, 'refresh token reused: grant revoked');
  return inFlow(session.traceId, () => {
    throw invalidGrant(REUSED);
  });
};

/** Used longer ago than the rotation grace window (AS-16: opt-in, 0 by default). */
const usedOutsideGrace = (record: RefreshTokenRecord, ctx: OAuth2Context): boolean =>
  record.usedAt !== null && ctx.now() - record.usedAt >= ctx.config.oauth2.refreshTokenRotationGracePeriod;

/** The token as read (unknown: undefined); reuse is detected before any other check. */
const known = async (ctx: OAuth2Context, found: Found<RefreshTokenRecord> | undefined, seen: GrantSeen): Promise<Found<RefreshTokenRecord>> => {
  seen.refresh = { record: found?.record };
  if (!found) throw invalidGrant('The refresh token is unknown, malformed, or was issued by another server.');
  if (usedOutsideGrace(found.record, ctx)) await revokeFamily(ctx, found.record, seen);
  return found;
};

const checkToken = (record: RefreshTokenRecord, client: OAuth2Client, now: number): void => {
  if (record.revokedAt !== null) throw invalidGrant('The refresh token has been revoked.');
  if (record.expiresAt !== null && record.expiresAt <= now) throw invalidGrant('The refresh token has expired.');
  if (record.session.clientId !== client.client_id) throw invalidGrant('The refresh token was issued to another client.');
};

/** RFC 6749 §6: the requested scope "MUST NOT include any scope not originally granted"; omitted = the original (AS-17). */
const requestedScope = (record: RefreshTokenRecord, scopeParam: string | undefined): string[] => {
  if (scopeParam === undefined) return record.session.scope;
  const requested = parseScope(scopeParam);
  const notGranted = scopesNotIn(requested, record.session.scope);
  if (notGranted.length > 0) {
    throw new InvalidScope('The requested scope exceeds the scope originally granted.', {
      hint: `The refresh token was not granted ${notGranted.join(', ')}; it carries "${record.session.scope.join(' ')}".`,
    });
  }
  return requested;
};

/** Without offline_access a refresh token lives only as long as the login session it came from. */
const checkLoginSession = async (ctx: OAuth2Context, record: RefreshTokenRecord): Promise<void> => {
  if (!(await loginSessionLive(ctx, record))) {
    throw invalidGrant('The login session this refresh token was bound to has ended; sign in again, or request offline_access for refresh tokens that outlive it.');
  }
};

/** Atomic rotation: of concurrent requests only one consumes, unless within the grace window (AS-15, AS-16). */
const consume = async (ctx: OAuth2Context, found: Found<RefreshTokenRecord>, seen: GrantSeen): Promise<void> => {
  const grace = ctx.config.oauth2.refreshTokenRotationGracePeriod;
  const outcome = await ctx.storage.tokens.consumeRefreshToken(found.signature, ctx.now(), grace);
  if (outcome.status === 'already_used') await revokeFamily(ctx, outcome.record, seen);
  if (outcome.status === 'not_found') throw invalidGrant('The refresh token is unknown, malformed, or was issued by another server.');
};

/**
 * A reuse detected by a concurrent request may have revoked the family while this request was
 * minting: the new tokens would then outlive the revocation (AS-17, Keycloak #51312). The used token
 * is revoked in that case, so check it once more and revoke the family again, new tokens included.
 */
const checkNotRevokedMeanwhile = async (ctx: OAuth2Context, found: Found<RefreshTokenRecord>, seen: GrantSeen): Promise<void> => {
  // The common answer is "not revoked": ask only that, and read the whole record when it is.
  if (!(await ctx.storage.tokens.isRefreshTokenRevoked(found.signature))) return;
  const current = await ctx.storage.tokens.getRefreshToken(found.signature);
  if (current && current.revokedAt !== null) await revokeFamily(ctx, current, seen);
};

/** Mints the successors of a consumed token: the new access token carries `scope`. */
const issue = async (ctx: OAuth2Context, found: Found<RefreshTokenRecord>, client: OAuth2Client, scope: string[], seen: GrantSeen) => {
  const { record } = found;
  const session = { ...record.session, scope };
  // Consuming revoked the access token issued with the old refresh token (TokenStore.consumeRefreshToken).
  const { response } = await issueTokens(ctx, {
    grant: 'refresh_token',
    client,
    session,
    // The new refresh token keeps the full grant: a narrowed request narrows this access token only.
    refresh: { session: record.session, offline: record.offline },
    idToken: isOpenId(scope) ? { nonce: '' } : undefined,
    // Once the new tokens are committed, not after the ID token's signature as well.
    onceStored: () => checkNotRevokedMeanwhile(ctx, found, seen),
  });
  return { response, session };
};

/** Every check runs before the atomic consume, so a client's mistake (wrong scope) does not burn the token. */
const checkThenConsume = async (ctx: OAuth2Context, found: Found<RefreshTokenRecord>, client: OAuth2Client, scopeParam: string | undefined, seen: GrantSeen) => {
  const { record } = found;
  checkToken(record, client, ctx.now());
  const scope = requestedScope(record, scopeParam);
  await checkLoginSession(ctx, record);
  await consume(ctx, found, seen);
  return scope;
};

/**
 * The refresh token grant (RFC 6749 §6, OIDC Core §12); the new tokens keep the grant and its
 * consent claims, so ID tokens after a refresh carry the same claims (docs/compatibility.md §5.6).
 * A request that names no scope, for an offline token, has every check before the consume on the
 * token's own row, so storage makes them and consumes in one step (TokenStore.takeRefreshToken: one
 * round trip on PostgreSQL instead of a read and a consume). When a check fails there, nothing is
 * consumed and the row it read goes through the checks below, which say which one failed.
 */
export const refreshTokenGrant: GrantHandler = {
  async handle(ctx, { params, client, seen = {} }) {
    const token = params.refresh_token;
    if (!token) throw new InvalidRequest('The request is missing the refresh_token parameter.');
    const narrowed = params.scope !== undefined;
    const taken = narrowed ? undefined : await takeRefreshToken(ctx, token, client.client_id);
    if (taken?.consumed) {
      seen.refresh = { record: taken.record };
      return inFlow(taken.record.session.traceId, () => issue(ctx, taken, client, taken.record.session.scope, seen));
    }
    const found = await known(ctx, narrowed ? await findRefreshToken(ctx, token) : taken, seen);
    return inFlow(found.record.session.traceId, async () => {
      const scope = await checkThenConsume(ctx, found, client, params.scope, seen);
      return issue(ctx, found, client, scope, seen);
    });
  },
};
