/**
 * The standard claims each OIDC scope releases (OIDC Core §5.4) and the JSON type each claim has
 * (§5.1). A claim outside this table is released only under the scope that bears its own name, so
 * a custom mapping never leaks a trait under a scope the user saw described as something else.
 */
import { UNMAPPABLE_CLAIMS } from '@olympus/config';

export const SCOPE_CLAIMS = {
  profile: [
    'name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
    'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at',
  ],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified'],
} as const satisfies Record<string, readonly string[]>;

const SCOPE_OF_STANDARD_CLAIM = new Map<string, string>(
  Object.entries(SCOPE_CLAIMS).flatMap(([scope, claims]) => claims.map((claim) => [claim, scope] as const)),
);

/** The scope that must be granted before `claim` is released. */
export const scopeOfClaim = (claim: string): string => SCOPE_OF_STANDARD_CLAIM.get(claim) ?? claim;

/** OIDC Core §5.1: the claims whose value is not a string. */
export type ClaimKind = 'string' | 'boolean' | 'seconds' | 'address';
const KINDS: Readonly<Record<string, ClaimKind>> = {
  email_verified: 'boolean',
  phone_number_verified: 'boolean',
  updated_at: 'seconds',
  address: 'address',
};
export const kindOfClaim = (claim: string): ClaimKind | undefined => KINDS[claim] ?? (SCOPE_OF_STANDARD_CLAIM.has(claim) ? 'string' : undefined);

/** Claims a trait mapping never supplies (the config refuses them too): see UNMAPPABLE_CLAIMS. */
export const SERVER_OWNED_CLAIMS: ReadonlySet<string> = new Set(UNMAPPABLE_CLAIMS);
