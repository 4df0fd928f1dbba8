/** Texts of passkeys and security keys on Hera's pages (the server's messages come in English already). */
export const WEBAUTHN_EN = {
  'webauthn.failed': 'The passkey dialog was closed or did not work. Try again, or sign in another way.',
  'settings.group.passkey': 'Passkeys',
  'settings.group.webauthn': 'Security keys',
} as const;
