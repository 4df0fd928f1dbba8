/**
 * Scope strings (RFC 6749 §3.3): space-delimited, case-sensitive, order-free.
 */
export const parseScope = (value: string | undefined): string[] =>
  [...new Set((value ?? '').split(' ').filter((s) => s.length > 0))];

/** The scopes of `requested` that `allowed` does not contain (exact match, Hydra's default strategy). */
export const scopesNotIn = (requested: readonly string[], allowed: readonly string[]): string[] =>
  requested.filter((s) => !allowed.includes(s));

/** `offline_access` (OIDC Core §11) or Hydra's `offline`: the refresh token outlives the login session. */
export const isOffline = (scope: readonly string[]): boolean =>
  scope.includes('offline_access') || scope.includes('offline');

/** An OpenID Connect request (OIDC Core §3.1.2.1): an ID token is issued and /userinfo answers. */
export const isOpenId = (scope: readonly string[]): boolean => scope.includes('openid');
