/**
 * Reading a claim's value out of an identity's traits by a dot-separated path (`name.first`) and
 * shaping it to the JSON type OIDC Core §5.1 gives the claim; a value of the wrong shape is left out
 * rather than sent malformed to relying parties.
 */
import type { ClaimKind } from './standard.ts';

export const traitAt = (traits: Record<string, unknown>, path: string): unknown => {
  let value: unknown = traits;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
};

const nonEmptyText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** OIDC Core §5.1.1: the members of the address claim, all strings. */
const ADDRESS_MEMBERS = ['formatted', 'street_address', 'locality', 'region', 'postal_code', 'country'] as const;

const addressOf = (value: unknown): Record<string, string> | undefined => {
  const text = nonEmptyText(value);
  if (text !== undefined) return { formatted: text };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const members = Object.fromEntries(
    ADDRESS_MEMBERS.flatMap((m) => {
      const member = nonEmptyText((value as Record<string, unknown>)[m]);
      return member === undefined ? [] : [[m, member]];
    }),
  );
  return Object.keys(members).length > 0 ? members : undefined;
};

/** §5.1 updated_at: seconds since the epoch; a trait may hold the number or an ISO 8601 date. */
const secondsOf = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.trunc(ms / 1000);
};

/** A custom (non-standard) claim keeps any JSON value the trait holds, except an empty one. */
const anyValue = (value: unknown): unknown => (value === null || value === '' ? undefined : value);

export const claimValue = (kind: ClaimKind | undefined, value: unknown): unknown => {
  switch (kind) {
    case 'string':
      return nonEmptyText(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'seconds':
      return secondsOf(value);
    case 'address':
      return addressOf(value);
    default:
      return anyValue(value);
  }
};
