import type { OAuth2Context } from './context.ts';
import { InvalidRequest } from './errors.ts';
import { accessTokenProblem, findAccessToken, findRefreshToken } from './tokens/lookup.ts';
import type { GrantSession, RefreshTokenRecord } from './tokens/records.ts';
import { loginSessionLive } from './tokens/refresh-session.ts';
import { parseScope, scopesNotIn } from './tokens/scope.ts';
import { toSeconds } from './tokens/time.ts';

/** Hydra's `IntrospectedOAuth2Token` (docs/compatibility.md §1.4). */
export interface IntrospectedToken {
  active: boolean;
  scope?: string;
  client_id?: string;
  sub?: string;
  exp?: number;
  iat?: number;
  nbf?: number;
  aud?: string[];
  iss?: string;
  token_type?: 'Bearer' | 'refresh_token';
  token_use?: 'access_token' | 'refresh_token';
  ext?: Record<string, unknown>;
}

/** RFC 7662 §2.2: an inactive token gets `{"active":false}` and nothing else (AS-33). */
const INACTIVE: IntrospectedToken = Object.freeze({ active: false });

const refreshTokenActive = async (ctx: OAuth2Context, record: RefreshTokenRecord): Promise<boolean> => {
  const now = ctx.now();
  if (record.revokedAt !== null || (record.expiresAt !== null && record.expiresAt <= now)) return false;
  if (record.usedAt !== null && now - record.usedAt >= ctx.config.oauth2.refreshTokenRotationGracePeriod) return false;
  return loginSessionLive(ctx, record);
};

const describe = (
  ctx: OAuth2Context,
  session: GrantSession,
  use: 'access_token' | 'refresh_token',
  issuedAt: number,
  expiresAt: number | null,
): IntrospectedToken => ({
  active: true,
  scope: session.scope.join(' '),
  client_id: session.clientId,
  sub: session.subject,
  ...(expiresAt !== null ? { exp: toSeconds(expiresAt) } : {}),
  iat: toSeconds(issuedAt),
  nbf: toSeconds(issuedAt),
  aud: session.audience,
  iss: ctx.config.urls.issuer,
  token_type: use === 'access_token' ? 'Bearer' : 'refresh_token',
  token_use: use,
  ext: session.accessTokenClaims,
});

const lookUp = async (ctx: OAuth2Context, token: string): Promise<IntrospectedToken> => {
  const access = await findAccessToken(ctx, token);
  if (access) {
    const { record } = access;
    if (accessTokenProblem(record, ctx.now())) return INACTIVE;
    return describe(ctx, record.session, 'access_token', record.issuedAt, record.expiresAt);
  }
  const refresh = await findRefreshToken(ctx, token);
  if (refresh && (await refreshTokenActive(ctx, refresh.record))) {
    const { record } = refresh;
    return describe(ctx, record.session, 'refresh_token', record.issuedAt, record.expiresAt);
  }
  return INACTIVE;
};

/**
 * Token introspection (RFC 7662 §2), on the admin origin. With `scope`, the token is active only if it
 * was granted every one of those scopes (Hydra's semantics).
 */
export const introspectToken = async (
  ctx: OAuth2Context,
  input: { token: string | undefined; scope: string | undefined },
): Promise<IntrospectedToken> => {
  if (!input.token) throw new InvalidRequest('The request is missing the token parameter.');
  const result = await lookUp(ctx, input.token);
  const required = parseScope(input.scope);
  const active = result.active && scopesNotIn(required, parseScope(result.scope)).length === 0;
  // debug, not info: introspection is the hottest read path (docs/architecture.md §6) and changes no state.
  ctx.log.debug({ client_id: result.client_id, token_use: result.token_use, active }, 'token introspected');
  return active ? result : INACTIVE;
};
