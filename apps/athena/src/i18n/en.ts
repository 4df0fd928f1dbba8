/** Athena's English texts: one fragment per area (i18n/en/*.ts), so each section of the console owns its keys. */
import { CLIENTS_EN } from './en/clients.ts';
import { SHELL_EN } from './en/shell.ts';

export const EN = { ...SHELL_EN, ...CLIENTS_EN } as const;

export type MessageKey = keyof typeof EN;
