/**
 * Every static default in one place. The schema (schema.ts) shows them in the reference docs and
 * resolve.ts applies them, so the two cannot drift.
 */
export const DEFAULTS = {
  publicUrl: 'http://localhost:4444',
  adminUrl: 'http://localhost:4445',
  host: '127.0.0.1',
  sameSite: 'Lax',
  ttl: {
    access_token: '15m',
    refresh_token: '720h',
    id_token: '1h',
    auth_code: '10m',
    login_consent_request: '30m',
    authentication_session: '720h',
  },
  refreshTokenRotationGracePeriod: '0s',
  accessTokenStrategy: 'opaque',
  idTokenSigningAlg: 'RS256',
  logLevel: 'info',
  dataDir: 'data',
} as const;

/** Upper bounds the schema enforces (DESIGN.md §3; Hydra caps the grace period at 5m). */
export const LIMITS = { authCode: '10m', refreshTokenRotationGracePeriod: '5m' } as const;

/** Minimum length of every secret and admin API key: 32 characters ≈ 192 bits of base64 randomness. */
export const MIN_SECRET_LENGTH = 32;

/** Paths (below the public base URL) of the default UI and fallback pages. */
export const DEFAULT_URL_PATHS = {
  login: '/login',
  consent: '/consent',
  logout: '/logout',
  error: '/oauth2/fallbacks/error',
  post_logout_redirect: '/oauth2/fallbacks/logout/callback',
} as const;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
