/** How the console names an identity: its email trait, else its first sign-in identifier, else its ID. */
import type { AuditTarget } from '@olympus/audit';
import type { Identity } from '@olympus/identity';

const firstIdentifier = (identity: Identity): string | undefined =>
  Object.values(identity.credentials).flatMap((credential) => credential?.identifiers ?? [])[0];

export const identityLabel = (identity: Identity): string => {
  const email = identity.traits.email;
  return typeof email === 'string' && email !== '' ? email : (firstIdentifier(identity) ?? identity.id);
};

/** "First Last" from the default schema's name trait (or a plain string name); '' when there is none. */
export const displayName = (identity: Identity): string => {
  const name = identity.traits.name;
  if (typeof name === 'string') return name;
  if (typeof name !== 'object' || name === null) return '';
  const { first, last } = name as Record<string, unknown>;
  return [first, last].filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
};

/** The audit target as the admin API names it (packages/http/src/audit/identities.ts): the first identifier as label. */
export const identityTarget = (identity: Identity): AuditTarget => {
  const label = firstIdentifier(identity) ?? identityLabel(identity);
  return { type: 'identity', id: identity.id, label };
};
