/**
 * Whose address is it? Recovery and verification find the identity by an address someone typed.
 * The lookup goes through the credential identifier index (the email of the default schema is the
 * password and code identifier as well as the recovery and verification address), then keeps only
 * an active identity that lists the address for this purpose. Known and unknown addresses cost the
 * same single indexed query (docs/security.md ID-6).
 */
import type { IdentityContext } from '../context.ts';
import type { Identity } from '../identities/identity.ts';

export type AddressList = 'recovery_addresses' | 'verifiable_addresses';

/** Identities sharing one identifier value: at most one per credential type. */
const CANDIDATES = 10;

export const identityByAddress = async (ctx: IdentityContext, list: AddressList, address: string): Promise<Identity | undefined> => {
  const candidates = await ctx.storage.identities.listIdentities({ limit: CANDIDATES, credentialsIdentifier: address });
  return candidates.find((identity) => identity.state === 'active' && identity[list].some((a) => a.via === 'email' && a.value === address));
};
