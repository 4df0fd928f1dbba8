/**
 * One check of a token and its outcome in words. The reason is a message key of the playground's
 * catalogs (i18n/en/tokens.ts) with its values, so the page says it in the reader's language and
 * tests can assert which reason was given.
 */
import type { TOKENS_EN } from '../i18n/en/tokens.ts';

export type TokensMessageKey = keyof typeof TOKENS_EN;

export type CheckId = 'signature' | 'alg' | 'iss' | 'aud' | 'azp' | 'exp' | 'iat' | 'nbf' | 'nonce' | 'at_hash' | 'auth_time' | 'acr' | 'opaque';

export type CheckStatus = 'ok' | 'failed' | 'not_applicable';

export interface TokenCheck {
  id: CheckId;
  status: CheckStatus;
  reason: TokensMessageKey;
  /** Values for the reason's `{name}` placeholders; a var named `when` is a NumericDate the page shows as UTC and "in 4 min". */
  vars?: Readonly<Record<string, string | number>>;
  /** Where the rule is written, e.g. "OpenID Connect Core 1.0 §3.1.3.7 (2)". */
  source: string;
}

/** Clock skew tolerated on `iat`, `nbf` and `max_age` (never on `exp`), stated in their reasons. */
export const LEEWAY_SECONDS = 60;

export const OIDC_CORE = 'OpenID Connect Core 1.0';

type Vars = TokenCheck['vars'];

export const passed = (id: CheckId, source: string, reason: TokensMessageKey, vars?: Vars): TokenCheck => ({ id, status: 'ok', reason, vars, source });
export const failed = (id: CheckId, source: string, reason: TokensMessageKey, vars?: Vars): TokenCheck => ({ id, status: 'failed', reason, vars, source });
export const notApplicable = (id: CheckId, source: string, reason: TokensMessageKey, vars?: Vars): TokenCheck => ({
  id,
  status: 'not_applicable',
  reason,
  vars,
  source,
});

/** An audience claim as a list (RFC 7519 §4.1.3: a string or an array of strings). */
export const audiencesOf = (aud: unknown): string[] => (typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : []);
