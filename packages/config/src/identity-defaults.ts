/**
 * Static defaults of the identity server's sections (identity, selfservice, session, hashers,
 * courier, protection). The schema shows them in the reference docs and resolve-identity.ts applies
 * them, so the two cannot drift. Values follow Kratos' defaults unless a comment says otherwise.
 */
export const PRODUCT_NAME = 'Olympus';

export const IDENTITY_DEFAULTS = {
  defaultSchemaId: 'default',
  flowLifespan: '1h',
  privilegedSessionMaxAge: '15m',
  settingsRequiredAal: 'highest_available',
  password: { minLength: 8, maxBytes: 1024, identifierSimilarityCheck: true, commonPasswordCheck: true },
  totpIssuer: PRODUCT_NAME,
  code: { lifespan: '15m', maxAttempts: 5 },
  session: { lifespan: '24h', cookieName: 'olympus_session', whoamiRequiredAal: 'aal1' },
  courier: { fromAddress: 'no-reply@localhost', fromName: PRODUCT_NAME },
  lockout: { failures: 5, duration: '15m' },
} as const;

/**
 * argon2id floor: OWASP Password Storage Cheat Sheet's minimum (m=19 MiB, t=2, p=1). The schema
 * refuses anything lower, so a config cannot weaken new hashes below it.
 */
export const ARGON2_MINIMUM = { memoryKiB: 19_456, iterations: 2, parallelism: 1 } as const;

/** Paths (below the public base URL) of the default self-service UI pages. */
export const SELFSERVICE_UI_PATHS = {
  login: '/login',
  registration: '/registration',
  settings: '/settings',
  recovery: '/recovery',
  verification: '/verification',
  error: '/error',
} as const;

export const AAL_VALUES = ['aal1', 'highest_available'] as const;
