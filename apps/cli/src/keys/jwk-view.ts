/** How JSON Web Key sets are shown (hydra's columns), optionally without private members. */
import type { View } from '../output/print.ts';
import { tableOf, type Column } from '../output/table.ts';

export type Jwk = Record<string, unknown> & { kid?: string; alg?: string; use?: string };
export interface KeyInSet {
  set: string;
  key: Jwk;
}

/** Private and symmetric members (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

export const publicPart = (key: Jwk): Jwk =>
  Object.fromEntries(Object.entries(key).filter(([member]) => !PRIVATE_MEMBERS.includes(member))) as Jwk;

export const keysOf = (set: string, body: unknown): KeyInSet[] => {
  const keys = (body as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) ? keys.map((key) => ({ set, key: key as Jwk })) : [];
};

const COLUMNS: readonly Column<KeyInSet>[] = [
  { header: 'SET ID', value: (k) => k.set },
  { header: 'KEY ID', value: (k) => k.key.kid },
  { header: 'ALGORITHM', value: (k) => k.key.alg },
  { header: 'USE', value: (k) => k.key.use },
];

export const jwksView = (keys: readonly KeyInSet[], onlyPublic: boolean): View => {
  const shown = keys.map(({ set, key }) => ({ set, key: onlyPublic ? publicPart(key) : key }));
  return {
    json: { keys: shown.map(({ key }) => key) },
    ids: shown.map(({ key }) => key.kid ?? ''),
    table: tableOf(COLUMNS, shown, false),
  };
};

export const publicOnlyOption = {
  public: { type: 'boolean', description: 'print only the public part of the keys' },
} as const;
