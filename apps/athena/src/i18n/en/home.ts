export const HOME_EN = {
  'home.title': 'Home',
  'home.heading': 'Olympus at a glance',
  'home.clients': 'OAuth2 clients',
  'home.identities': 'Identities',
  'home.sessions': 'Active sessions',
  'home.sessions.hint': 'Identity sessions neither revoked nor expired.',
  'home.signins': 'Sign-ins in the last 24 hours',
  'home.signins.hint': 'Sessions issued in the last 24 hours: one per sign-in, registration, account recovery or second-factor step.',
  'home.signins.failed': 'Failed sign-in attempts, last 24 hours',
  'home.signins.failed.hint': 'Login forms refused in the last 24 hours (a wrong password, a CSRF violation, no usable method), as recorded by the flow tracer.',
  'home.signins.succeeded': 'Successful sign-in attempts, last 24 hours',
  'home.signins.succeeded.hint': 'Login forms accepted in the last 24 hours, as recorded by the flow tracer.',
} as const;
