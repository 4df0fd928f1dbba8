/** The playground's English texts: one fragment per area (i18n/en/*.ts), so each page owns its keys. */
import { SHELL_EN } from './en/shell.ts';
import { EXCHANGE_EN } from './en/exchange.ts';
import { SETUP_EN } from './en/setup.ts';
import { RUN_EN } from './en/run.ts';
import { TOKENS_EN } from './en/tokens.ts';
import { INSPECT_EN } from './en/inspect.ts';
import { CLIENT_CREDENTIALS_EN } from './en/client-credentials.ts';

export const EN = { ...SHELL_EN, ...EXCHANGE_EN, ...SETUP_EN, ...RUN_EN, ...TOKENS_EN, ...INSPECT_EN, ...CLIENT_CREDENTIALS_EN } as const;

export type MessageKey = keyof typeof EN;
