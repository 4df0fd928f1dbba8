/** How a token response (RFC 6749 §5.1) is shown, with the ID token's claims decoded (not verified). */
import { decodeJwt, type JWTPayload } from 'jose';
import type { View } from '../output/print.ts';
import { tableOf, type Column } from '../output/table.ts';

export interface TokenResponse {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
  [extra: string]: unknown;
}

/** Decodes the ID token payload for display; `undefined` when there is none or it is not a JWT. */
export const idTokenClaimsOf = (tokens: TokenResponse): JWTPayload | undefined => {
  if (!tokens.id_token) return undefined;
  try {
    return decodeJwt(tokens.id_token);
  } catch {
    return undefined;
  }
};

const expiry = (expiresIn: number | undefined, now: number): string =>
  typeof expiresIn === 'number' ? `${new Date(now + expiresIn * 1000).toISOString()} (in ${expiresIn}s)` : '';

export const tokenView = (tokens: TokenResponse, now = Date.now()): View => {
  const claims = idTokenClaimsOf(tokens);
  const columns: Column<TokenResponse>[] = [
    { header: 'ACCESS TOKEN', value: (t) => t.access_token },
    { header: 'TOKEN TYPE', value: (t) => t.token_type },
    { header: 'EXPIRES AT', value: (t) => expiry(t.expires_in, now) },
    { header: 'SCOPE', value: (t) => t.scope },
    { header: 'REFRESH TOKEN', value: (t) => t.refresh_token },
    { header: 'ID TOKEN', value: (t) => t.id_token },
  ];
  const footer = claims
    ? ['', 'ID TOKEN CLAIMS (decoded, signature not checked):', JSON.stringify(claims, null, 2)]
    : [];
  return {
    json: claims ? { ...tokens, id_token_claims: claims } : tokens,
    ids: [tokens.access_token],
    table: tableOf(columns, [tokens], true),
    footer,
  };
};
