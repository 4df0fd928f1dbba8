/** Passkeys in the settings flow (method `passkey`): enrol with a name, rename, remove (webauthn/manage.ts). */
import { FlowValidationError, type SettingsStrategy } from '../strategy.ts';
import { messages } from '../../ui/messages.ts';
import { claimsWebauthnBody, updateWebauthnSettings, webauthnSettingsForm } from '../webauthn/manage.ts';

export const passkeySettings = {
  method: 'passkey',
  claims: (body) => claimsWebauthnBody(body, 'passkey'),
  settingsForm: (ctx, identity, state) => webauthnSettingsForm(ctx, identity, state, 'passkey'),
  async updateSettings(ctx, flow, body, identity, state, requirePrivileged) {
    if (!ctx.config.selfservice.methods.passkey.enabled) throw new FlowValidationError([messages.noSettingsMethod()]);
    return updateWebauthnSettings(ctx, flow, body, identity, state, requirePrivileged, 'passkey');
  },
} satisfies SettingsStrategy;
