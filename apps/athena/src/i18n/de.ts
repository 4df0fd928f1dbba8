/** Athena's German texts, one fragment per area, each typed against its English one so no key is missing. */
import { AUDIT_DE } from './de/audit.ts';
import { CLIENTS_DE } from './de/clients.ts';
import { COURIER_DE } from './de/courier.ts';
import { HOME_DE } from './de/home.ts';
import { IDENTITIES_DE } from './de/identities.ts';
import { KEYS_DE } from './de/keys.ts';
import { REQUESTS_DE } from './de/requests.ts';
import { SESSIONS_DE } from './de/sessions.ts';
import { SHELL_DE } from './de/shell.ts';
import { TRACES_DE } from './de/traces.ts';
import { PROVIDERS_DE } from './de/providers.ts';
import type { MessageKey } from './en.ts';

export const DE: Record<MessageKey, string> = { ...SHELL_DE, ...HOME_DE, ...CLIENTS_DE, ...REQUESTS_DE, ...COURIER_DE, ...KEYS_DE, ...AUDIT_DE, ...IDENTITIES_DE, ...SESSIONS_DE, ...TRACES_DE, ...PROVIDERS_DE };
