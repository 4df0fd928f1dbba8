/**
 * Social sign-in in the settings flow (group `oidc`, Kratos' settings nodes): a `link` button per
 * configured provider not linked yet (1050002) and an `unlink` button per linked one (1050003). Linking
 * needs a recent login (docs/security.md ID-13) and starts the round trip to the provider, bound to this
 * settings flow and browser (start.ts); the callback links the credential (settings-link.ts).
 * Unlinking is refused when the provider is the identity's last way in (strategies/ways-in.ts).
 */
import { messages } from '../../ui/messages.ts';
import { inputNode } from '../../ui/nodes.ts';
import { FlowValidationError, type SettingsStrategy } from '../strategy.ts';
import { webauthnMessages } from '../webauthn/messages.ts';
import { hasOtherWayIn } from '../ways-in.ts';
import { linkedProviderIds, withProviderUnlinked } from './link.ts';
import { oidcMessages as m } from './messages.ts';
import { oidcProvider, oidcProviders } from './providers.ts';
import { startRoundTrip } from './start.ts';

const named = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '');

export const oidcSettings = {
  method: 'oidc',
  claims: (body) => named(body, 'link') !== '' || named(body, 'unlink') !== '',
  async settingsForm(ctx, identity) {
    const linked = linkedProviderIds(identity);
    const nodes = oidcProviders(ctx.config).map((p) => (linked.has(p.id)
      ? inputNode('oidc', 'unlink', 'submit', { value: p.id, label: m.unlink(p.label) })
      : inputNode('oidc', 'link', 'submit', { value: p.id, label: m.link(p.label) })));
    return { nodes };
  },
  async updateSettings(ctx, flow, body, identity, _state, requirePrivileged) {
    if (!ctx.config.selfservice.methods.oidc.enabled) throw new FlowValidationError([messages.noSettingsMethod()]);
    const unlink = named(body, 'unlink');
    const id = unlink || named(body, 'link');
    const provider = oidcProvider(ctx.config, id);
    if (provider === undefined) throw new FlowValidationError([m.unknownProvider(id)]);
    const linked = linkedProviderIds(identity).has(provider.id);
    if (unlink !== '') {
      if (!linked) throw new FlowValidationError([m.notLinked(provider.label)]);
      if (!hasOtherWayIn(identity, (way) => way.method === 'oidc' && way.id.startsWith(`${provider.id}:`))) {
        throw new FlowValidationError([webauthnMessages.lastCredential()]);
      }
      requirePrivileged();
      ctx.log.info({ flow_id: flow.id, identity_id: identity.id, provider: provider.id }, 'provider unlinked in settings');
      return { identity: withProviderUnlinked(identity, provider.id, ctx.now()), credentialsChanged: true };
    }
    if (linked) throw new FlowValidationError([m.alreadyLinked(provider.label)]);
    requirePrivileged();
    return { redirect: await startRoundTrip(ctx, flow, provider) };
  },
} satisfies SettingsStrategy;
