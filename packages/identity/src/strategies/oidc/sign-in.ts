/**
 * What a verified provider identity becomes: the identity whose `oidc` credential has the identifier
 * `<provider>:<subject>` signs in; otherwise a new identity is registered from the mapped claims. An
 * address that already belongs to another identity is never linked silently: the user is told to sign
 * in with that account's own credential (4000027; docs/security.md ID-22).
 */
import type { JWTPayload } from 'jose';
import type { IdentityContext } from '../../context.ts';
import { IdentityDisabled } from '../../errors.ts';
import { assembleIdentity } from '../../identities/assemble.ts';
import { newIdentityId } from '../../identities/ids.ts';
import type { Identity } from '../../identities/identity.ts';
import { loadSchemas } from '../../schemas/registry.ts';
import { checkRegistrationEnabled } from '../../flows/registration/create.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError } from '../strategy.ts';
import { TraitsIncomplete, traitProblems } from './complete-traits.ts';
import { credentialIdentifier, hasAddress, withProviderLinked, type PendingLink } from './link.ts';
import { checkWhen, mapClaims } from './mapping.ts';
import { loggingMappingStops } from './mapping-errors.ts';
import type { OidcProvider } from './providers.ts';
import { updateOnLogin } from './update-on-login.ts';

/** The address belongs to another identity; the callback keeps the link pending (link.ts). */
export class PendingLinkRequired extends FlowValidationError {
  readonly pending: PendingLink;
  constructor(provider: OidcProvider, pending: PendingLink) {
    super([messages.duplicateCredentialsOnOidc(provider.label)]);
    this.pending = pending;
  }
}

/**
 * The new identity's traits must satisfy the default schema; otherwise the user completes them on the
 * registration form (complete-traits.ts), the provider account kept.
 */
const identityFromClaims = async (ctx: IdentityContext, provider: OidcProvider, claims: JWTPayload): Promise<Identity> => {
  const schemas = loadSchemas(ctx.config);
  const schema = schemas.get(schemas.defaultId)!;
  const { traits, verifiedAddresses, metadataPublic, metadataAdmin } = loggingMappingStops(ctx, { provider: provider.id }, () => mapClaims(provider, claims));
  const problems = traitProblems(ctx, traits);
  if (Object.keys(problems).length > 0) {
    throw new TraitsIncomplete(provider, traits, problems, { provider: provider.id, subject: claims.sub!, verifiedAddresses: verifiedAddresses.map((a) => a.value), metadataPublic, metadataAdmin });
  }
  const now = ctx.now();
  const identity = await assembleIdentity(schemas, { schemaId: schema.id, traits, verifiableAddresses: verifiedAddresses, metadataPublic, metadataAdmin }, {
    id: newIdentityId(now), now, hashPassword: () => Promise.reject(new Error('an oidc registration sets no password')),
  });
  // Kratos' credential config shape; no provider tokens are kept.
  return withProviderLinked(identity, provider, claims.sub!, now);
};

export interface ProviderSignIn {
  identity: Identity;
  registered: boolean;
}

export const signInWithProvider = async (ctx: IdentityContext, provider: OidcProvider, claims: JWTPayload, flowId: string): Promise<ProviderSignIn> => {
  // The provider's `mapper.when` admits or refuses the account on every sign-in, not only the first (mapping.ts).
  loggingMappingStops(ctx, { flow_id: flowId, provider: provider.id }, () => checkWhen(provider, claims));
  const identifier = credentialIdentifier(provider.id, claims.sub!);
  const known = await ctx.storage.identities.findByCredentialIdentifier('oidc', identifier);
  if (known !== undefined) {
    if (known.state !== 'active') throw new IdentityDisabled(messages.identityDisabled().text, { reason: 'The identity state is inactive.' });
    return { identity: await updateOnLogin(ctx, provider, claims, known, flowId), registered: false };
  }
  checkRegistrationEnabled(ctx);
  const identity = await identityFromClaims(ctx, provider, claims);
  const written = await ctx.storage.identities.createIdentity(identity);
  if (written.status === 'duplicate_identifier') {
    const existing = await ctx.storage.identities.findByCredentialIdentifier(written.type, written.identifier);
    const verified = identity.verifiable_addresses.some((a) => a.verified && a.value.toLowerCase() === written.identifier.toLowerCase());
    if (existing !== undefined && existing.state === 'active' && provider.config.accountLinkingMode === 'automatic' && verified && hasAddress(existing, written.identifier)) {
      const linked = withProviderLinked(existing, provider, claims.sub!, ctx.now());
      if ((await ctx.storage.identities.updateIdentity(linked)).status === 'ok') {
        ctx.log.info({ flow_id: flowId, provider: provider.id, identity_id: existing.id }, 'provider linked automatically: account_linking_mode automatic and the provider verified the address');
        return { identity: linked, registered: false };
      }
    }
    ctx.log.info({ flow_id: flowId, provider: provider.id, credential_type: written.type }, 'oidc registration refused: the address belongs to another identity; the link waits for the user to sign in');
    throw new PendingLinkRequired(provider, { provider: provider.id, subject: claims.sub!, address: written.identifier });
  }
  return { identity, registered: true };
};
