/**
 * "Never the last way in": the first-factor credentials an identity can sign in with by itself — its
 * password, each passkey, each linked sign-in provider. Removing a passkey or unlinking a provider is
 * refused when nothing else would be left (docs/operations/passkeys.md, docs/operations/social-sign-in.md).
 * Second factors (TOTP, recovery codes, security keys) never count: they open nothing alone.
 */
import type { Identity } from '../identities/identity.ts';
import { storedCredentials } from './webauthn/stored.ts';

export interface WayIn {
  method: 'password' | 'passkey' | 'oidc';
  /** The passkey's credential id, or the provider's `<id>:<subject>`; '' for the password. */
  id: string;
}

const providerEntries = (identity: Identity): Array<{ provider: string; subject: string }> => {
  const providers = identity.credentials.oidc?.config.providers;
  return Array.isArray(providers) ? providers.filter((p): p is { provider: string; subject: string } => typeof p?.provider === 'string' && typeof p?.subject === 'string') : [];
};

export const waysIn = (identity: Identity): WayIn[] => {
  const { password } = identity.credentials;
  return [
    ...(password !== undefined && password.identifiers.length > 0 ? [{ method: 'password' as const, id: '' }] : []),
    ...storedCredentials(identity, 'passkey').map((c) => ({ method: 'passkey' as const, id: c.id })),
    ...providerEntries(identity).map((p) => ({ method: 'oidc' as const, id: `${p.provider}:${p.subject}` })),
  ];
};

/** True when the identity could still sign in without every way in that `removed` matches. */
export const hasOtherWayIn = (identity: Identity, removed: (way: WayIn) => boolean): boolean => waysIn(identity).some((way) => !removed(way));
