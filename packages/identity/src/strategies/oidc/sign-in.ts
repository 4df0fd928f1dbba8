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
import { newCredential } from '../../identities/credentials.ts';
import { newIdentityId } from '../../identities/ids.ts';
import type { Identity } from '../../identities/identity.ts';
import { loadSchemas } from '../../schemas/registry.ts';
import { validateTraits } from '../../schemas/validate.ts';
import { checkRegistrationEnabled } from '../../flows/registration/create.ts';
import { messages } from '../../ui/messages.ts';
import { FlowValidationError } from '../strategy.ts';
import { mapClaims } from './mapping.ts';
import type { OidcProvider } from './providers.ts';

export const credentialIdentifier = (provider: OidcProvider, subject: string): string => `${provider.id}:${subject}`;

/** The new identity's traits must satisfy the default schema; each problem is shown with its trait. */
const identityFromClaims = async (ctx: IdentityContext, provider: OidcProvider, claims: JWTPayload): Promise<Identity> => {
  const schemas = loadSchemas(ctx.config);
  const schema = schemas.get(schemas.defaultId)!;
  const { traits, verifiedAddresses } = mapClaims(provider, claims);
  const problems = validateTraits(schema, traits);
  if (problems.length > 0) {
    throw new FlowValidationError(problems.map(({ name, message }) =>
      messages.generic(`${provider.label} did not provide a valid ${name.replace(/^traits\./, '')}: ${message.text}`)));
  }
  const now = ctx.now();
  const identity = await assembleIdentity(schemas, { schemaId: schema.id, traits, verifiableAddresses: verifiedAddresses }, {
    id: newIdentityId(now), now, hashPassword: () => Promise.reject(new Error('an oidc registration sets no password')),
  });
  const subject = claims.sub!;
  // Kratos' credential config shape; no provider tokens are kept.
  const config = { providers: [{ provider: provider.id, subject }] };
  return { ...identity, credentials: { ...identity.credentials, oidc: newCredential('oidc', [credentialIdentifier(provider, subject)], config, now) } };
};

export interface ProviderSignIn {
  identity: Identity;
  registered: boolean;
}

export const signInWithProvider = async (ctx: IdentityContext, provider: OidcProvider, claims: JWTPayload, flowId: string): Promise<ProviderSignIn> => {
  const identifier = credentialIdentifier(provider, claims.sub!);
  const known = await ctx.storage.identities.findByCredentialIdentifier('oidc', identifier);
  if (known !== undefined) {
    if (known.state !== 'active') throw new IdentityDisabled(messages.identityDisabled().text, { reason: 'The identity state is inactive.' });
    return { identity: known, registered: false };
  }
  checkRegistrationEnabled(ctx);
  const identity = await identityFromClaims(ctx, provider, claims);
  const written = await ctx.storage.identities.createIdentity(identity);
  if (written.status === 'duplicate_identifier') {
    ctx.log.info({ flow_id: flowId, provider: provider.id, credential_type: written.type }, 'oidc registration refused: the address belongs to another identity; not linked');
    throw new FlowValidationError([messages.duplicateCredentialsOnOidc(provider.label)]);
  }
  return { identity, registered: true };
};
