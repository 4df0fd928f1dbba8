/**
 * Claims → traits without Jsonnet: a trait path (`name.first`) takes the value at a claim path (`given_name`,
 * `emails[0].value`). Without a configured `mapper` the built-in mapping fills the `default` schema:
 * email, and the name claims of OIDC Core §5.1. An address counts as verified only when the provider
 * says so (`email_verified: true`, OIDC Core §5.1) for that very address (docs/security.md ID-22).
 */
import type { JWTPayload } from 'jose';
import type { OidcProvider } from './providers.ts';

export const DEFAULT_MAPPING: Readonly<Record<string, string>> = { email: 'email', 'name.first': 'given_name', 'name.last': 'family_name' };

/** `a.b[0].c` → ['a', 'b', 0, 'c']. */
const segments = (path: string): Array<string | number> =>
  path.split('.').flatMap((part) => {
    const [name, ...indexes] = part.split('[');
    return [name, ...indexes.map((i) => Number(i.replace(']', '')))];
  });

export const valueAt = (claims: unknown, path: string): unknown =>
  segments(path).reduce<unknown>((node, key) => {
    if (typeof key === 'number') return Array.isArray(node) ? node[key] : undefined;
    return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }, claims);

const setAt = (target: Record<string, unknown>, path: string, value: unknown): void => {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
};

export interface MappedIdentity {
  traits: Record<string, unknown>;
  /** Addresses the provider vouches for, to be marked verified. */
  verifiedAddresses: Array<{ value: string; via: 'email'; verified: true }>;
}

export const mapClaims = (provider: OidcProvider, claims: JWTPayload): MappedIdentity => {
  const mapping = provider.config.mapper?.traits ?? DEFAULT_MAPPING;
  const traits: Record<string, unknown> = {};
  for (const [traitPath, claimPath] of Object.entries(mapping)) {
    const value = valueAt(claims, claimPath);
    // Absent or empty claims leave the trait out, so the schema names what is missing.
    if (value !== undefined && value !== null && value !== '') setAt(traits, traitPath, value);
  }
  const email = claims.email;
  const verifiedAddresses = claims.email_verified === true && typeof email === 'string' ? [{ value: email, via: 'email' as const, verified: true as const }] : [];
  return { traits, verifiedAddresses };
};
