/** Hera's English texts: one fragment per area, so each page module owns its keys. */
import { ACCOUNT_EN } from './en/account.ts';
import { LOGOUT_EN } from './en/logout.ts';
import { PAGES_EN } from './en/pages.ts';
import { SHELL_EN } from './en/shell.ts';
import { WEBAUTHN_EN } from './en/webauthn.ts';

export const EN = { ...SHELL_EN, ...PAGES_EN, ...ACCOUNT_EN, ...LOGOUT_EN, ...WEBAUTHN_EN } as const;
