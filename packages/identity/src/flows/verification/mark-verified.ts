/**
 * An address becomes verified when its owner proves control of it with a code: `verified` true,
 * `status` completed and `verified_at` set (Kratos' VerifiableAddress, docs/compatibility.md §2.3).
 */
import type { IdentityContext } from '../../context.ts';
import type { Identity } from '../../identities/identity.ts';

/** The identity with `address` verified; undefined when it is not (any longer) one of its verifiable addresses. */
export const withVerifiedAddress = (identity: Identity, address: string, now: number): Identity | undefined => {
  const index = identity.verifiable_addresses.findIndex((a) => a.via === 'email' && a.value === address);
  if (index < 0) return undefined;
  const current = identity.verifiable_addresses[index]!;
  if (current.verified && current.status === 'completed') return identity;
  const at = new Date(now).toISOString();
  const addresses = [...identity.verifiable_addresses];
  addresses[index] = { ...current, verified: true, status: 'completed', verified_at: current.verified_at ?? at, updated_at: at };
  return { ...identity, verifiable_addresses: addresses, updated_at: at };
};

/** Stores the verified address when it changes anything; returns the identity as stored. */
export const markAddressVerified = async (
  ctx: IdentityContext,
  identity: Identity,
  address: string,
): Promise<Identity | undefined> => {
  const verified = withVerifiedAddress(identity, address, ctx.now());
  if (verified === undefined || verified === identity) return verified;
  const written = await ctx.storage.identities.updateIdentity(verified);
  return written.status === 'ok' ? verified : undefined;
};
