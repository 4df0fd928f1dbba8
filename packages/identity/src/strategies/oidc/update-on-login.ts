/**
 * `update_identity_on_login: automatic` (Kratos' option of the same name): a later sign-in with the
 * provider maps the claims again and replaces the traits with them. The new traits must satisfy the
 * identity's schema and keep their identifiers free; otherwise the identity stays as it was and the
 * sign-in goes on. Addresses follow the registration's rule (docs/security.md ID-22): an address kept
 * keeps its state, a new one is verified only when the provider vouches for it. Default `never`.
 */
import type { JWTPayload } from 'jose';
import type { IdentityContext } from '../../context.ts';
import { BadRequest } from '../../errors.ts';
import { assembleIdentity } from '../../identities/assemble.ts';
import type { Identity } from '../../identities/identity.ts';
import { loadSchemas } from '../../schemas/registry.ts';
import { mapClaims } from './mapping.ts';
import type { OidcProvider } from './providers.ts';

const unchanged = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The identity as stored after this sign-in: updated from the claims, or as it was. */
export const updateOnLogin = async (ctx: IdentityContext, provider: OidcProvider, claims: JWTPayload, known: Identity, flowId: string): Promise<Identity> => {
  if (provider.config.updateIdentityOnLogin !== 'automatic') return known;
  const { traits, verifiedAddresses } = mapClaims(provider, claims);
  if (unchanged(traits, known.traits)) return known;
  const log = { flow_id: flowId, provider: provider.id, identity_id: known.id };
  let updated: Identity;
  try {
    updated = await assembleIdentity(loadSchemas(ctx.config), { traits, verifiableAddresses: verifiedAddresses }, {
      id: known.id, now: ctx.now(), previous: known, hashPassword: () => Promise.reject(new Error('a provider sign-in sets no password')),
    });
  } catch (err) {
    if (!(err instanceof BadRequest)) throw err;
    ctx.log.info({ ...log, reason: err.reason }, 'identity not updated on login: the mapped traits fail the identity schema');
    return known;
  }
  const written = await ctx.storage.identities.updateIdentity(updated);
  if (written.status !== 'ok') {
    ctx.log.info({ ...log, status: written.status }, 'identity not updated on login: a mapped identifier belongs to another identity');
    return known;
  }
  ctx.log.info({ ...log, traits: Object.keys(traits) }, 'identity updated from the provider\'s claims on login');
  return updated;
};
