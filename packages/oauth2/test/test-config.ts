/** A complete resolved config for unit tests of the OAuth2 core: production-like, an https issuer. */
import type { OlympusConfig } from '@olympus/config';

export const ISSUER = 'https://auth.example';
export const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

export const testConfig = (oauth2: Partial<OlympusConfig['oauth2']> = {}): OlympusConfig => ({
  dev: false,
  dsn: 'sqlite://:memory:',
  dataDir: 'data',
  serve: {
    public: { url: ISSUER, host: '127.0.0.1', port: 4444 },
    admin: { url: 'http://127.0.0.1:4445', host: '127.0.0.1', port: 4445, apiKeys: [] },
    cookies: { sameSite: 'Lax', secure: true },
    nodeId: 'test-node',
    trustedProxies: [],
    shutdown: { drainDelay: 0, timeout: 10_000 },
  },
  urls: {
    issuer: ISSUER,
    login: `${ISSUER}/login`,
    consent: `${ISSUER}/consent`,
    logout: `${ISSUER}/logout`,
    error: `${ISSUER}/oauth2/fallbacks/error`,
    postLogoutRedirect: `${ISSUER}/oauth2/fallbacks/logout/callback`,
  },
  secrets: { system: ['system-secret-0123456789abcdefghijkl'], cookie: ['cookie-secret-0123456789abcdefghijkl'] },
  ttl: {
    accessToken: 15 * 60_000,
    refreshToken: 720 * 3_600_000,
    idToken: 3_600_000,
    authCode: 10 * 60_000,
    loginConsentRequest: 30 * 60_000,
    authenticationSession: 720 * 3_600_000,
  },
  oauth2: {
    exposeDebug: true,
    refreshTokenRotationGracePeriod: 0,
    accessTokenStrategy: 'opaque',
    idTokenSigningAlg: 'RS256',
    ...oauth2,
  },
  log: { level: 'silent' },
  clients: { http: { disallowPrivateIpRanges: true, privateIpExceptionUrls: [] } },
  identity: { defaultSchemaId: 'default', schemas: [] },
  selfservice: {
    defaultBrowserReturnUrl: `${ISSUER}/`,
    allowedReturnUrls: [],
    flows: {
      login: { uiUrl: `${ISSUER}/login`, lifespan: 3_600_000 },
      registration: { uiUrl: `${ISSUER}/registration`, lifespan: 3_600_000, enabled: true },
      settings: {
        uiUrl: `${ISSUER}/settings`,
        lifespan: 3_600_000,
        privilegedSessionMaxAge: 15 * 60_000,
        requiredAal: 'highest_available',
      },
      recovery: { uiUrl: `${ISSUER}/recovery`, lifespan: 3_600_000, enabled: true },
      verification: { uiUrl: `${ISSUER}/verification`, lifespan: 3_600_000, enabled: true },
      error: { uiUrl: `${ISSUER}/error` },
    },
    methods: {
      password: { minLength: 8, maxBytes: 1024, identifierSimilarityCheck: true, commonPasswordCheck: true },
      totp: { enabled: true, issuer: 'Olympus' },
      lookupSecret: { enabled: true },
      code: { lifespan: 15 * 60_000, maxAttempts: 5 },
      oidc: { enabled: false, config: { providers: [] } },
      passkey: { enabled: false, config: { rp: { id: new URL(ISSUER).hostname, origins: [new URL(ISSUER).origin], displayName: 'Olympus' } } },
      webauthn: { enabled: false, config: { passwordless: false, rp: { id: new URL(ISSUER).hostname, origins: [new URL(ISSUER).origin], displayName: 'Olympus' } } },
    },
  },
  session: { lifespan: 24 * 3_600_000, cookieName: 'olympus_session', whoamiRequiredAal: 'aal1' },
  hashers: { argon2: { memoryKiB: 19_456, iterations: 2, parallelism: 1 } },
  courier: { smtpConnectionUri: '', fromAddress: 'no-reply@localhost', fromName: 'Olympus' },
  protection: { loginFailuresBeforeLockout: 5, lockout: 15 * 60_000 },
  athena: { enabled: true, requiredAal: 'aal2', session: { idleTimeout: 30 * 60_000, lifespan: 12 * 3_600_000 } },
  audit: { retention: 2160 * 3_600_000 },
  trace: { enabled: true, retention: 168 * 3_600_000 },
  site: { playground: { enabled: true } },
  hera: { productName: 'Olympus', logo: '', colors: { primary: '#1d4ed8', background: '#ffffff', text: '#1f2328' }, defaultLocale: 'en', firstPartyClients: [], claims: {} },
});
