/**
 * The texts of the passkey and webauthn methods, under Kratos' ids where Kratos has the same text
 * (a renderer such as @ory/elements translates by id) and Olympus' own 9xx ids otherwise
 * (ui/messages.ts explains the ranges).
 */
import type { UiText, UiTextType } from '../../ui/node.ts';

const text = (type: UiTextType) => (id: number, value: string, context?: Record<string, unknown>): UiText =>
  context ? { id, text: value, type, context } : { id, text: value, type };
const info = text('info');
const error = text('error');

export const webauthnMessages = {
  signInWithPasskey: () => info(1010021, 'Sign in with a passkey'),
  useSecurityKey: () => info(1010008, 'Use a security key'),
  signUpWithPasskey: () => info(1040007, 'Sign up with a passkey'),
  addSecurityKey: () => info(1050012, 'Add a security key'),
  securityKeyName: () => info(1050013, 'Name of the security key'),
  removeSecurityKey: (name: string) => info(1050018, `Remove security key "${name}"`, { display_name: name }),
  addPasskey: () => info(1050019, 'Add a passkey'),
  removePasskey: (name: string) => info(1050020, `Remove passkey "${name}"`, { display_name: name }),
  passkeyName: () => info(1050921, 'Name of the passkey (to add one, or to rename one listed above)'),
  renameCredential: (name: string) => info(1050922, `Rename "${name}"`, { display_name: name }),
  credentialListed: (name: string, addedAt: string) => info(1050923, `${name} (added ${addedAt.slice(0, 10)})`, { display_name: name, added_at: addedAt }),
  needsScript: () => info(1050924, 'Passkeys and security keys need JavaScript in this browser; every other way to sign in works without it.'),

  unknownCredential: () => error(4000015, 'This passkey or security key is not registered with any account here. Sign in another way, then add it in your settings.'),
  credentialRefused: (reason: string) => error(4000950, `The passkey or security key could not be verified: ${reason}. Please try again.`, { reason }),
  counterRegressed: () => error(4000951, 'This passkey or security key reported a signature counter that did not increase, which happens when an authenticator '
    + 'was cloned, so it was refused. Sign in another way and remove it from your settings.'),
  challengeUsed: () => error(4000952, 'This passkey answer was used already. Please try again.'),
  lastCredential: () => error(4000953, 'This is your only way to sign in; add a password, another passkey or a social sign-in before removing it.'),
  noSuchCredential: () => error(4000954, 'There is no such passkey or security key on this account.'),
  nameRequired: () => error(4000955, 'Type a name into the name field first.'),
  alreadyRegistered: () => error(4000956, 'This passkey or security key is registered already.'),
} as const;
