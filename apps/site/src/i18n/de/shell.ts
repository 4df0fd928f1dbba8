/** Die deutschen Texte des Playground-Rahmens. */
import type { SHELL_EN } from '../en/shell.ts';

export const SHELL_DE: Record<keyof typeof SHELL_EN, string> = {
  'shell.product': 'Olympus-Playground',
  'shell.skip': 'Zum Inhalt springen',
  'shell.nav': 'Playground',
  'nav.code': 'Autorisierungscode',
  'nav.client_credentials': 'Client Credentials',
  'nav.inspect': 'Token-Prüfung',
} as const;
