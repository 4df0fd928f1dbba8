/** Passkeys in the settings flow (method `passkey`): enrol with a name, rename, remove, as security keys are (webauthn/settings.ts). */
import { webauthnSettingsOf } from '../webauthn/settings.ts';

export const passkeySettings = webauthnSettingsOf('passkey');
