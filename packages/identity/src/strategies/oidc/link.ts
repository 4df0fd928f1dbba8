/**
 * Linking a provider to an identity that already has the provider's address (docs/security.md ID-22;
 * docs/operations/social-sign-in.md, "Linking"). Never silent: the callback leaves a pending link on
 * the login flow and tells the user (4000027) to sign in to that account as before; when that sign-in
 * with the account's own credential succeeds on the same flow — bound to this browser by its CSRF
 * cookie — and the account has the address, the provider is linked. `account_linking_mode: automatic`
 * links at once, and only when the provider verified the address (OIDC Core §5.1 email_verified).
 */
import type { IdentityContext } from '../../context.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import type { Identity } from '../../identities/identity.ts';
import { newCredential } from '../../identities/credentials.ts';
import { oidcProvider, type OidcProvider } from './providers.ts';

/** The flow's `internal` key of a link waiting for the user's sign-in. */
export const PENDING_LINK = 'oidcPendingLink';

export interface PendingLink {
  provider: string;
  subject: string;
  /** The address the provider gave, which the signed-in account must have. */
  address: string;
}

export const credentialIdentifier = (providerId: string, subject: string): string => `${providerId}:${subject}`;

/** The identity with `<provider>:<subject>` added to its `oidc` credential (Kratos' config shape: providers[]). */
export const withProviderLinked = (identity: Identity, provider: OidcProvider, subject: string, now: number): Identity => {
  const current = identity.credentials.oidc;
  const identifier = credentialIdentifier(provider.id, subject);
  const providers = [...((current?.config.providers as unknown[] | undefined) ?? []), { provider: provider.id, subject }];
  const oidc = current === undefined
    ? newCredential('oidc', [identifier], { providers }, now)
    : { ...current, identifiers: [...current.identifiers, identifier], config: { ...current.config, providers }, updated_at: new Date(now).toISOString() };
  return { ...identity, credentials: { ...identity.credentials, oidc } };
};

export const hasAddress = (identity: Identity, address: string): boolean => {
  const wanted = address.toLowerCase();
  return identity.verifiable_addresses.some((a) => a.value.toLowerCase() === wanted)
    || (typeof identity.traits.email === 'string' && identity.traits.email.toLowerCase() === wanted);
};

/**
 * After a login with the account's own credential: the flow's pending link, if the account has the
 * address; otherwise the identity unchanged (a link is never forced on another account).
 */
export const completePendingLink = async (ctx: IdentityContext, flow: SelfServiceFlow, identity: Identity, method: string): Promise<Identity> => {
  const pending = flow.internal[PENDING_LINK] as PendingLink | undefined;
  if (pending === undefined || method === 'oidc') return identity;
  const provider = oidcProvider(ctx.config, pending.provider);
  const log = { flow_id: flow.id, identity_id: identity.id, provider: pending.provider, trace_id: flow.internal.traceId };
  if (provider === undefined || !hasAddress(identity, pending.address)) {
    ctx.log.info(log, 'pending provider link dropped: the signed-in account does not have the provider\'s address');
    return identity;
  }
  const linked = withProviderLinked(identity, provider, pending.subject, ctx.now());
  const written = await ctx.storage.identities.updateIdentity(linked);
  if (written.status !== 'ok') {
    ctx.log.info({ ...log, status: written.status }, 'pending provider link not stored: the provider account is linked to another identity');
    return identity;
  }
  ctx.log.info(log, 'provider linked after the user signed in with the account\'s own credential');
  return linked;
};

/** The identity without any `<provider>:<subject>` of `providerId`; the `oidc` credential goes when none is left. */
export const withProviderUnlinked = (identity: Identity, providerId: string, now: number): Identity => {
  const current = identity.credentials.oidc;
  if (current === undefined) return identity;
  const providers = ((current.config.providers as Array<{ provider?: unknown }> | undefined) ?? []).filter((p) => p.provider !== providerId);
  const identifiers = current.identifiers.filter((i) => !i.startsWith(`${providerId}:`));
  const { oidc: _removed, ...others } = identity.credentials;
  const credentials = providers.length === 0
    ? others
    : { ...others, oidc: { ...current, identifiers, config: { ...current.config, providers }, updated_at: new Date(now).toISOString() } };
  return { ...identity, credentials };
};

/** The providers linked to the identity, by id. */
export const linkedProviderIds = (identity: Identity): Set<string> => {
  const providers = identity.credentials.oidc?.config.providers;
  return new Set(Array.isArray(providers) ? providers.map((p: { provider?: unknown }) => String(p.provider)) : []);
};
