/** Security keys as a second factor in the settings flow (method `webauthn`): enrol with a name, rename, remove (manage.ts). */
import { FlowValidationError, type SettingsStrategy } from '../strategy.ts';
import { messages } from '../../ui/messages.ts';
import { claimsWebauthnBody, updateWebauthnSettings, webauthnSettingsForm } from './manage.ts';

export const webauthnSettings = {
  method: 'webauthn',
  claims: (body) => claimsWebauthnBody(body, 'webauthn'),
  settingsForm: (ctx, identity, state) => webauthnSettingsForm(ctx, identity, state, 'webauthn'),
  async updateSettings(ctx, flow, body, identity, state, requirePrivileged) {
    if (!ctx.config.selfservice.methods.webauthn.enabled) throw new FlowValidationError([messages.noSettingsMethod()]);
    return updateWebauthnSettings(ctx, flow, body, identity, state, requirePrivileged, 'webauthn');
  },
} satisfies SettingsStrategy;
