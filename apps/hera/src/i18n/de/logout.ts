import type { LOGOUT_EN } from '../en/logout.ts';

export const LOGOUT_DE: Record<keyof typeof LOGOUT_EN, string> = {
  'logout.title': 'Abmelden',
  'logout.heading.client': 'Von {client} abmelden?',
  'logout.heading': 'Abmelden?',
  'logout.explain': 'Sie werden in diesem Browser auch von {product} abgemeldet.',
  'logout.yes': 'Ja, abmelden',
  'logout.no': 'Nein, angemeldet bleiben',
  'logout.forbidden.title': 'Abmeldung abgelehnt',
  'logout.forbidden.heading': 'Dieses Abmeldeformular kann nicht verwendet werden',
  'logout.forbidden.text': 'Das Formular ist abgelaufen oder wurde nicht aus diesem Browser gesendet. Es wurde nichts geändert: Sie sind weiterhin angemeldet.',
  'logout.forbidden.back': 'Zurück zu Ihrem Konto',
};
