/** Hera's German texts: its own keys (typed against the English ones) and the server's message ids. */
import { ACCOUNT_DE } from './de/account.ts';
import { LOGOUT_DE } from './de/logout.ts';
import { MESSAGES_DE } from './de/messages.ts';
import { OIDC_MESSAGES_DE } from './de/oidc.ts';
import { PAGES_DE } from './de/pages.ts';
import { SHELL_DE } from './de/shell.ts';
import { WEBAUTHN_DE, WEBAUTHN_MESSAGES_DE } from './de/webauthn.ts';

export const DE: Readonly<Record<string, string>> = { ...SHELL_DE, ...PAGES_DE, ...ACCOUNT_DE, ...LOGOUT_DE, ...WEBAUTHN_DE, ...MESSAGES_DE, ...WEBAUTHN_MESSAGES_DE, ...OIDC_MESSAGES_DE };
