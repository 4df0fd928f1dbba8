/**
 * Where each key of a set stands in its rotation, for the admin console (schedule.ts decides it;
 * OIDC Core §10.1.1, docs/security.md AS-42). Public parts only, like GET /admin/keys:
 * - `next`: published, signs once it activates;
 * - `signing`: the key that signs now;
 * - `retiring`: replaced, still published so what it signed verifies;
 * - `retired`: replaced and no longer published (it stays until deleted);
 * - `verification`: a public-only or encryption key, which never signs.
 */
import type { JWK } from 'jose';
import type { OAuth2Context } from '../context.ts';
import type { StoredKey } from '../ports.ts';
import { shownJwk } from './admin.ts';
import { activeKey, canSign, nextKey, supersededAt } from './schedule.ts';

export type KeyState = 'next' | 'signing' | 'retiring' | 'retired' | 'verification';

export interface KeyStatus {
  kid: string;
  alg: string;
  use: 'sig' | 'enc';
  state: KeyState;
  createdAt: number;
  /** When it starts (or started) signing. */
  activatesAt: number;
  /** When a newer key took over, or will; undefined while none will. */
  replacedAt: number | undefined;
  publicJwk: JWK;
}

export interface KeySetStatus {
  set: string;
  /** Oldest first. */
  keys: KeyStatus[];
}

const stateOf = (key: StoredKey, signer: StoredKey | undefined, published: ReadonlySet<string>, now: number): KeyState => {
  if (!canSign(key)) return 'verification';
  if (key === signer) return 'signing';
  if (key.activatesAt > now) return 'next';
  return published.has(key.kid) ? 'retiring' : 'retired';
};

/** The states of one set's keys (oldest first), given which of them the published JWKS holds at `now`. */
export const keyStatusesOf = (keys: readonly StoredKey[], published: ReadonlySet<string>, now: number): KeyStatus[] => {
  const signer = activeKey(keys, now) ?? nextKey(keys);
  return keys.map((key) => ({
    kid: key.kid,
    alg: key.alg,
    use: key.use,
    state: stateOf(key, signer, published, now),
    createdAt: key.createdAt,
    activatesAt: key.activatesAt,
    replacedAt: supersededAt(keys, key),
    publicJwk: shownJwk(key),
  }));
};

/** Every key set with its keys' states; what is published comes from the key ring, as the JWKS endpoint sees it. */
export const listKeySetStatuses = async (ctx: Pick<OAuth2Context, 'storage' | 'keys' | 'now'>): Promise<KeySetStatus[]> => {
  const sets = (await ctx.storage.keys.listKeySets()).sort();
  return Promise.all(sets.map(async (set) => {
    const [keys, published] = await Promise.all([ctx.storage.keys.listKeys(set), ctx.keys.verificationKeys(set)]);
    return { set, keys: keyStatusesOf(keys, new Set(published.map((jwk) => String(jwk.kid))), ctx.now()) };
  }));
};
