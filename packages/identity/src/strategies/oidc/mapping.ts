/**
 * Claims → traits without Jsonnet (docs/operations/social-sign-in.md, "Mapping claims to traits"): a
 * trait path (`name.first`) takes the value of a source: a claim path (`given_name`, `emails[0].value`),
 * `{ from, when_verified }`, or `{ cel }` (cel.ts); `metadata_public` and `metadata_admin` map the same
 * way, and `when` may refuse the account. Without `traits` the built-in mapping fills the `default`
 * schema: email, and the name claims of OIDC Core §5.1. An address counts as verified only when the
 * provider says so (`email_verified: true`, OIDC Core §5.1) for that very address (docs/security.md ID-22):
 * `verified_addresses` can only narrow that, never mark a value the provider did not vouch for.
 */
import type { OidcMapperSource } from '@olympus/config';
import type { JWTPayload } from 'jose';
import { evaluateCel } from './cel.ts';
import { MappingFailed, SignInNotAllowed } from './mapping-errors.ts';
import type { OidcProvider } from './providers.ts';

export const DEFAULT_MAPPING: Readonly<Record<string, OidcMapperSource>> = { email: 'email', 'name.first': 'given_name', 'name.last': 'family_name' };

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

/** How a source reads, for Athena's provider list and the docs: `given_name`, `email (when verified)`, `cel: …`. */
export const describeSource = (source: OidcMapperSource): string => {
  if (typeof source === 'string') return source;
  const what = 'cel' in source ? `cel: ${source.cel}` : source.from;
  return source.whenVerified === true ? `${what} (when verified)` : what;
};

export interface MappedIdentity {
  traits: Record<string, unknown>;
  /** Addresses the provider vouches for, to be marked verified. */
  verifiedAddresses: Array<{ value: string; via: 'email'; verified: true }>;
  /** The new identity's metadata; absent when the mapper has none. */
  metadataPublic?: Record<string, unknown>;
  metadataAdmin?: Record<string, unknown>;
}

/** The addresses the provider vouches for: `email` with `email_verified: true` (GitHub's primary verified address arrives so, github.ts). */
const vouchedAddresses = (claims: JWTPayload): string[] => (claims.email_verified === true && typeof claims.email === 'string' ? [claims.email] : []);

const isVouched = (value: unknown, vouched: readonly string[]): boolean =>
  typeof value === 'string' && vouched.some((address) => address.toLowerCase() === value.toLowerCase());

const sourceValue = (provider: OidcProvider, where: string, source: OidcMapperSource, claims: JWTPayload, vouched: readonly string[]): unknown => {
  if (typeof source === 'string') return valueAt(claims, source);
  let value: unknown;
  if ('cel' in source) {
    try {
      value = evaluateCel(source.cel, 'value', claims);
    } catch (err) {
      throw new MappingFailed(provider.label, `providers "${provider.id}" mapper.${where}: ${(err as Error).message.split('\n')[0]}`);
    }
  } else value = valueAt(claims, source.from);
  return source.whenVerified === true && !isVouched(value, vouched) ? undefined : value;
};

const mapSources = (provider: OidcProvider, section: string, sources: Readonly<Record<string, OidcMapperSource>>, claims: JWTPayload, vouched: readonly string[]) => {
  const mapped: Record<string, unknown> = {};
  for (const [path, source] of Object.entries(sources)) {
    const value = sourceValue(provider, `${section}.${path}`, source, claims, vouched);
    // Absent or empty values leave the key out, so the schema names what is missing.
    if (value !== undefined && value !== null && value !== '') setAt(mapped, path, value);
  }
  return mapped;
};

/** Throws SignInNotAllowed when the provider's `mapper.when` is false for these claims. */
export const checkWhen = (provider: OidcProvider, claims: JWTPayload): void => {
  const when = provider.config.mapper?.when;
  if (when === undefined) return;
  let admitted: unknown;
  try {
    admitted = evaluateCel(when, 'bool', claims);
  } catch (err) {
    throw new MappingFailed(provider.label, `providers "${provider.id}" mapper.when: ${(err as Error).message.split('\n')[0]}`);
  }
  if (admitted !== true) throw new SignInNotAllowed(provider.label);
};

export const mapClaims = (provider: OidcProvider, claims: JWTPayload): MappedIdentity => {
  checkWhen(provider, claims);
  const mapper = provider.config.mapper;
  const vouched = vouchedAddresses(claims);
  const traits = mapSources(provider, 'traits', mapper?.traits ?? DEFAULT_MAPPING, claims, vouched);
  const listed = mapper?.verifiedAddresses;
  const verified = listed === undefined ? vouched : listed.map((path) => valueAt(traits, path)).filter((v): v is string => isVouched(v, vouched));
  const mapped: MappedIdentity = { traits, verifiedAddresses: [...new Set(verified)].map((value) => ({ value, via: 'email' as const, verified: true as const })) };
  if (mapper?.metadataPublic !== undefined) mapped.metadataPublic = mapSources(provider, 'metadata_public', mapper.metadataPublic, claims, vouched);
  if (mapper?.metadataAdmin !== undefined) mapped.metadataAdmin = mapSources(provider, 'metadata_admin', mapper.metadataAdmin, claims, vouched);
  return mapped;
};
