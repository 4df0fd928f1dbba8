/**
 * The provider's callback for a settings flow (settings.ts started it): the session must still be the
 * flow's identity's and recent enough for a privileged change, the provider's `mapper.when` must admit
 * the account, the provider account must not belong to another identity, and then `<provider>:<subject>` joins the identity's `oidc` credential and the
 * settings flow ends in `success` like any settings change (other sessions end, docs/security.md
 * ID-11). Refusals return to the settings flow with a message; nothing is signed in or out.
 */
import type { JWTPayload } from 'jose';
import type { IdentityContext } from '../../context.ts';
import type { SelfServiceFlow } from '../../flows/flow.ts';
import { rejected } from '../../flows/rejected.ts';
import { checkOwner, privilegeGuard, requireSession } from '../../flows/settings/access.ts';
import { completeSettings } from '../../flows/settings/submit.ts';
import type { CurrentSession } from '../../sessions/lookup.ts';
import { FlowValidationError } from '../strategy.ts';
import { credentialIdentifier, withProviderLinked } from './link.ts';
import { checkWhen } from './mapping.ts';
import { loggingMappingStops } from './mapping-errors.ts';
import { oidcMessages as m } from './messages.ts';
import type { OidcProvider } from './providers.ts';
import { oidcSettings } from './settings.ts';

/** The callback's answer for a settings flow: the flow to show again (its UI, or return_to after success). */
export interface SettingsLinkOutcome {
  kind: 'settings';
  flow: SelfServiceFlow;
}

const link = async (ctx: IdentityContext, flow: SelfServiceFlow, provider: OidcProvider, claims: JWTPayload, current: CurrentSession): Promise<SettingsLinkOutcome> => {
  const { identity } = current;
  // An account `mapper.when` refuses could never sign in: linking it would add a way in that does not open.
  loggingMappingStops(ctx, { flow_id: flow.id, provider: provider.id }, () => checkWhen(provider, claims));
  const identifier = credentialIdentifier(provider.id, claims.sub!);
  const holder = await ctx.storage.identities.findByCredentialIdentifier('oidc', identifier);
  if (holder !== undefined && holder.id !== identity.id) throw new FlowValidationError([m.linkedElsewhere(provider.label)]);
  const linked = holder === undefined ? withProviderLinked(identity, provider, claims.sub!, ctx.now()) : identity;
  if (holder === undefined) {
    const written = await ctx.storage.identities.updateIdentity(linked);
    if (written.status === 'duplicate_identifier') throw new FlowValidationError([m.linkedElsewhere(provider.label)]);
  }
  ctx.log.info({ flow_id: flow.id, identity_id: identity.id, provider: provider.id }, 'provider linked in settings');
  const done = await completeSettings(ctx, flow, oidcSettings, { identity: linked, credentialsChanged: holder === undefined }, current);
  return { kind: 'settings', flow: done.flow };
};

/** `claimsOf` runs the code exchange and token checks only once the session is known to be the flow's. */
export const completeSettingsLink = async (
  ctx: IdentityContext, flow: SelfServiceFlow, provider: OidcProvider, current: CurrentSession | undefined, claimsOf: () => Promise<JWTPayload>,
): Promise<SettingsLinkOutcome> => {
  const session = requireSession(current);
  checkOwner(flow, session);
  // The session may have aged past privileged_session_max_age during the round trip: the start's rule again
  // (docs/security.md ID-13), with the start's answer (re-authenticate), before anything is linked.
  privilegeGuard(ctx, flow, session.session)();
  try {
    return await link(ctx, flow, provider, await claimsOf(), session);
  } catch (err) {
    if (!(err instanceof FlowValidationError)) throw err;
    return { kind: 'settings', flow: (await rejected(ctx, flow, {}, err, 'oidc')).flow };
  }
};
