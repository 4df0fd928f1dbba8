/** Athena's German texts, one fragment per area, each typed against its English one so no key is missing. */
import { CLIENTS_DE } from './de/clients.ts';
import { SHELL_DE } from './de/shell.ts';
import type { MessageKey } from './en.ts';

export const DE: Record<MessageKey, string> = { ...SHELL_DE, ...CLIENTS_DE };
