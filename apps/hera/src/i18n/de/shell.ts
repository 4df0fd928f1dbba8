import type { SHELL_EN } from '../en/shell.ts';

export const SHELL_DE: Record<keyof typeof SHELL_EN, string> = {
  'shell.skip': 'Zum Inhalt springen',
  'shell.home': 'Startseite von {product}',
  'shell.nav': 'Konto',
  'shell.nav.account': 'Konto',
  'shell.nav.settings': 'Einstellungen',
  'shell.nav.sessions': 'Geräte',
  'shell.nav.signout': 'Abmelden',
  'shell.image': 'Bild',
};
