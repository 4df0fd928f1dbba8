import type { HOME_EN } from '../en/home.ts';

export const HOME_DE: Record<keyof typeof HOME_EN, string> = {
  'home.title': 'Start',
  'home.heading': 'Olympus auf einen Blick',
  'home.clients': 'OAuth2-Clients',
  'home.identities': 'Identitäten',
  'home.sessions': 'Aktive Sitzungen',
  'home.sessions.hint': 'Identitätssitzungen, die weder widerrufen noch abgelaufen sind.',
  'home.signins': 'Anmeldungen in den letzten 24 Stunden',
  'home.signins.hint': 'In den letzten 24 Stunden ausgestellte Sitzungen: eine je Anmeldung, Registrierung, Kontowiederherstellung oder Schritt mit zweitem Faktor.',
  'home.signins.failed': 'Fehlgeschlagene Anmeldeversuche, letzte 24 Stunden',
  'home.signins.failed.hint': 'In den letzten 24 Stunden abgewiesene Anmeldeformulare (falsches Passwort, CSRF-Verstoß, keine nutzbare Methode), wie sie der Flow-Tracer aufzeichnet.',
  'home.signins.succeeded': 'Erfolgreiche Anmeldeversuche, letzte 24 Stunden',
  'home.signins.succeeded.hint': 'In den letzten 24 Stunden angenommene Anmeldeformulare, wie sie der Flow-Tracer aufzeichnet.',
  'home.errors.heading': 'Neueste Fehler',
  'home.errors.none': 'Kein abgelehnter Schritt aufgezeichnet.',
  'home.errors.time': 'Zeit',
  'home.errors.stop': 'Schritt',
  'home.errors.client': 'Client',
  'home.errors.cause': 'Ursache',
};
