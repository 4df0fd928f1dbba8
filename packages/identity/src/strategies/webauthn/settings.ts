/**
 * WebAuthn credentials in the settings flow: enrol with a name, rename, remove (manage.ts). One strategy
 * shape serves both methods: `webauthn` (security keys as a second factor) and `passkey`.
 */
import { FlowValidationError, type SettingsStrategy } from '../strategy.ts';
import { messages } from '../../ui/messages.ts';
import { claimsWebauthnBody, updateWebauthnSettings, webauthnSettingsForm } from './manage.ts';
import { methodEnabled, type WebAuthnMethod } from './relying-party.ts';

export const webauthnSettingsOf = (method: WebAuthnMethod) => ({
  method,
  claims: (body) => claimsWebauthnBody(body, method),
  settingsForm: (ctx, identity, state) => webauthnSettingsForm(ctx, identity, state, method),
  async updateSettings(ctx, flow, body, identity, state, requirePrivileged) {
    if (!methodEnabled(ctx.config, method)) throw new FlowValidationError([messages.noSettingsMethod()]);
    return updateWebauthnSettings(ctx, flow, body, identity, state, requirePrivileged, method);
  },
}) satisfies SettingsStrategy;

export const webauthnSettings = webauthnSettingsOf('webauthn');
