import { randomToken, type KeyedHasher } from '@olympus/crypto';

/**
 * Opaque tokens in Hydra's wire form: `ory_at_…` (access), `ory_rt_…` (refresh), `ory_ac_…` (code),
 * so tooling that recognises the prefixes keeps working (docs/compatibility.md §1.4). 256 random bits;
 * storage keeps only the keyed hash ("signature") of the whole token.
 */
export const TOKEN_PREFIX = { access: 'ory_at_', refresh: 'ory_rt_', code: 'ory_ac_' } as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

export interface MintedToken {
  token: string;
  signature: string;
}

export const mintToken = (kind: TokenKind, hasher: KeyedHasher): MintedToken => {
  const token = TOKEN_PREFIX[kind] + randomToken(32);
  return { token, signature: hasher.hash(token, kind) };
};

/** Every signature a presented token may be stored under (current and rotated system secrets). */
export const tokenSignatures = (kind: TokenKind, token: string, hasher: KeyedHasher): string[] =>
  token.startsWith(TOKEN_PREFIX[kind]) ? hasher.candidates(token, kind) : [];

/** Which kind a presented token claims to be, from its prefix. */
export const kindOfToken = (token: string): TokenKind | undefined =>
  (Object.keys(TOKEN_PREFIX) as TokenKind[]).find((k) => token.startsWith(TOKEN_PREFIX[k]));
