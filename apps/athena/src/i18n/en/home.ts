export const HOME_EN = {
  'home.title': 'Home',
  'home.heading': 'Olympus at a glance',
  'home.clients': 'OAuth2 clients',
  'home.identities': 'Identities',
  'home.sessions': 'Active sessions',
  'home.sessions.hint': 'Identity sessions neither revoked nor expired.',
  'home.signins': 'Sign-ins in the last 24 hours',
  'home.signins.hint': 'Sessions issued in the last 24 hours: one per sign-in, registration, account recovery or second-factor step. Failed sign-ins are not counted: Olympus keeps no record of them, only brute-force counters that forget them.',
} as const;
