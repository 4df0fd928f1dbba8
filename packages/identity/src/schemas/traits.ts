/**
 * What an identity's traits mean under its schema's `ory.sh/kratos` extensions: the identifiers its
 * credentials are found by, the TOTP account name, and its verifiable and recovery addresses.
 * Identifiers and email addresses are trimmed and lower-cased, so `Ann@Example.com ` and
 * `ann@example.com` are one account, not two.
 */
import { randomUUID } from 'node:crypto';
import type { RecoveryAddress, VerifiableAddress } from '../identities/identity.ts';
import type { AddressVia, ExtensionSite, KratosExtension } from './extensions.ts';
import { stringsAt } from './extensions.ts';
import type { IdentitySchema } from './registry.ts';

export interface TraitIdentifiers {
  password: string[];
  code: string[];
  webauthn: string[];
  /** The code identifiers with their channel, as the `code` credential's config lists them. */
  codeAddresses: Array<{ channel: AddressVia; address: string }>;
  /** The label authenticator apps show; the first trait marked `credentials.totp.account_name`. */
  totpAccountName: string | undefined;
}

export const normalizeIdentifier = (value: string): string => value.trim().toLowerCase();

/** Emails compare case-insensitively in practice; phone numbers only lose surrounding space. */
export const normalizeAddress = (value: string, via: AddressVia): string => (via === 'email' ? normalizeIdentifier(value) : value.trim());

const unique = (values: string[]): string[] => [...new Set(values.filter((v) => v !== ''))];

const collect = (sites: ExtensionSite[], traits: unknown, pick: (ext: KratosExtension) => boolean): string[] =>
  sites.filter((site) => pick(site.extension)).flatMap((site) => stringsAt(traits, site.path));

export const identifiersOf = (schema: IdentitySchema, traits: unknown): TraitIdentifiers => {
  const sites = schema.extensions;
  const normalized = (pick: (ext: KratosExtension) => boolean) => unique(collect(sites, traits, pick).map(normalizeIdentifier));
  return {
    password: normalized((e) => e.credentials?.password?.identifier === true),
    code: normalized((e) => e.credentials?.code?.identifier === true),
    webauthn: normalized((e) => e.credentials?.webauthn?.identifier === true),
    codeAddresses: addressesOf(schema, traits, (e) => (e.credentials?.code?.identifier === true ? e.credentials.code.via ?? 'email' : undefined))
      .map(({ via, value }) => ({ channel: via, address: value })),
    totpAccountName: collect(sites, traits, (e) => e.credentials?.totp?.account_name === true).map((v) => v.trim()).find((v) => v !== ''),
  };
};

/** (via, value) pairs of the traits marked by `viaOf`, normalised and without duplicates. */
const addressesOf = (schema: IdentitySchema, traits: unknown, viaOf: (ext: KratosExtension) => AddressVia | undefined) => {
  const seen = new Set<string>();
  const found: Array<{ via: AddressVia; value: string }> = [];
  for (const site of schema.extensions) {
    const via = viaOf(site.extension);
    if (via !== 'email' && via !== 'sms') continue;
    for (const raw of stringsAt(traits, site.path)) {
      const value = normalizeAddress(raw, via);
      const key = `${via}:${value}`;
      if (value === '' || seen.has(key)) continue;
      seen.add(key);
      found.push({ via, value });
    }
  }
  return found;
};

export interface AddressOptions {
  now: number;
  /** The identity's current addresses: one that stays keeps its id and verification state. */
  previous?: readonly VerifiableAddress[];
}

export const verifiableAddressesOf = (schema: IdentitySchema, traits: unknown, opts: AddressOptions): VerifiableAddress[] => {
  const at = new Date(opts.now).toISOString();
  return addressesOf(schema, traits, (e) => e.verification?.via).map(({ via, value }) => {
    const kept = opts.previous?.find((a) => a.via === via && a.value === value);
    return kept ?? { id: randomUUID(), value, verified: false, via, status: 'pending', verified_at: null, created_at: at, updated_at: at };
  });
};

export const recoveryAddressesOf = (
  schema: IdentitySchema,
  traits: unknown,
  opts: { now: number; previous?: readonly RecoveryAddress[] },
): RecoveryAddress[] => {
  const at = new Date(opts.now).toISOString();
  return addressesOf(schema, traits, (e) => e.recovery?.via).map(({ via, value }) => {
    const kept = opts.previous?.find((a) => a.via === via && a.value === value);
    return kept ?? { id: randomUUID(), value, via, created_at: at, updated_at: at };
  });
};
