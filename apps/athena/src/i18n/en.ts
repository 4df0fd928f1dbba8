/** Athena's English texts: one fragment per area (i18n/en/*.ts), so each section of the console owns its keys. */
import { AUDIT_EN } from './en/audit.ts';
import { CLIENTS_EN } from './en/clients.ts';
import { COURIER_EN } from './en/courier.ts';
import { HOME_EN } from './en/home.ts';
import { IDENTITIES_EN } from './en/identities.ts';
import { KEYS_EN } from './en/keys.ts';
import { REQUESTS_EN } from './en/requests.ts';
import { SESSIONS_EN } from './en/sessions.ts';
import { SHELL_EN } from './en/shell.ts';
import { TRACES_EN } from './en/traces.ts';
import { PROVIDERS_EN } from './en/providers.ts';

export const EN = { ...SHELL_EN, ...HOME_EN, ...CLIENTS_EN, ...REQUESTS_EN, ...COURIER_EN, ...KEYS_EN, ...AUDIT_EN, ...IDENTITIES_EN, ...SESSIONS_EN, ...TRACES_EN, ...PROVIDERS_EN } as const;

export type MessageKey = keyof typeof EN;
