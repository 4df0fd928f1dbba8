/**
 * The claims of a decoded token as rows a person reads: the claim, its value, what it means
 * (RFC 7519 §4.1, OIDC Core §2 and §5.1, RFC 9068 §2.2, RFC 8693 §4.2 for `scope`, Hydra's `ext`)
 * and, for times, the NumericDate as a date.
 */
import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import type { TokensMessageKey } from './check.ts';

export interface ClaimRow {
  name: string;
  /** The value as shown: strings as they are, anything else as JSON. */
  value: string;
  meaning?: TokensMessageKey;
  /** Set for NumericDate claims: seconds since the epoch. */
  time?: number;
}

const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time', 'rat', 'updated_at']);

const CLAIM_MEANINGS: Readonly<Record<string, TokensMessageKey>> = {
  iss: 'tokens.claim.iss',
  sub: 'tokens.claim.sub',
  aud: 'tokens.claim.aud',
  exp: 'tokens.claim.exp',
  iat: 'tokens.claim.iat',
  nbf: 'tokens.claim.nbf',
  auth_time: 'tokens.claim.auth_time',
  azp: 'tokens.claim.azp',
  nonce: 'tokens.claim.nonce',
  acr: 'tokens.claim.acr',
  amr: 'tokens.claim.amr',
  sid: 'tokens.claim.sid',
  at_hash: 'tokens.claim.at_hash',
  c_hash: 'tokens.claim.c_hash',
  scp: 'tokens.claim.scp',
  scope: 'tokens.claim.scope',
  client_id: 'tokens.claim.client_id',
  jti: 'tokens.claim.jti',
  ext: 'tokens.claim.ext',
  rat: 'tokens.claim.rat',
  email: 'tokens.claim.email',
  email_verified: 'tokens.claim.email_verified',
};

const HEADER_MEANINGS: Readonly<Record<string, TokensMessageKey>> = {
  alg: 'tokens.header.alg',
  kid: 'tokens.header.kid',
  typ: 'tokens.header.typ',
  cty: 'tokens.header.cty',
  jku: 'tokens.header.jku',
  x5u: 'tokens.header.jku',
};

const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const rowsOf = (object: Readonly<Record<string, unknown>>, meanings: Readonly<Record<string, TokensMessageKey>>): ClaimRow[] =>
  Object.entries(object).map(([name, value]) => ({
    name,
    value: shown(value),
    meaning: meanings[name],
    time: TIME_CLAIMS.has(name) && typeof value === 'number' ? value : undefined,
  }));

export const explainHeader = (header: ProtectedHeaderParameters): ClaimRow[] => rowsOf(header, HEADER_MEANINGS);

export const explainClaims = (payload: JWTPayload): ClaimRow[] => rowsOf(payload, CLAIM_MEANINGS);
