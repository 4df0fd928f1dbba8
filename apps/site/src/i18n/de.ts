/** The playground's German texts, one fragment per area like the English ones; every key is required. */
import type { MessageKey } from './en.ts';
import { SHELL_DE } from './de/shell.ts';
import { EXCHANGE_DE } from './de/exchange.ts';
import { SETUP_DE } from './de/setup.ts';
import { RUN_DE } from './de/run.ts';
import { TOKENS_DE } from './de/tokens.ts';
import { INSPECT_DE } from './de/inspect.ts';
import { CLIENT_CREDENTIALS_DE } from './de/client-credentials.ts';

export const DE: Record<MessageKey, string> = { ...SHELL_DE, ...EXCHANGE_DE, ...SETUP_DE, ...RUN_DE, ...TOKENS_DE, ...INSPECT_DE, ...CLIENT_CREDENTIALS_DE };
