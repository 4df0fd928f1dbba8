/**
 * The resolved configuration every part reads. The YAML/env input is validated by one JSON Schema
 * (schema.ts) and then resolved into this shape: durations become milliseconds, URLs are normalised,
 * defaults are filled in. Nothing downstream re-parses config.
 */
export interface OriginConfig {
  /** The public URL of the origin; its port is the listen port. */
  url: string;
  /** Listen address. Loopback by default. */
  host: string;
  port: number;
}

export interface OlympusConfig {
  dev: boolean;
  /** `sqlite://<path>` (relative to the working directory) or `postgres://…`. */
  dsn: string;
  /** Folder for dev-generated secrets and the default SQLite file. */
  dataDir: string;
  serve: {
    public: OriginConfig;
    admin: OriginConfig & {
      /** Required when the admin origin listens beyond loopback: `Authorization: Bearer <api_key>`. */
      apiKeys: string[];
    };
    cookies: { sameSite: 'Lax' | 'Strict' | 'None'; secure: boolean };
  };
  urls: {
    issuer: string;
    login: string;
    consent: string;
    logout: string;
    error: string;
    postLogoutRedirect: string;
  };
  secrets: {
    /** First encrypts and signs; all decrypt and verify. At least 32 characters each. */
    system: string[];
    cookie: string[];
  };
  /** All in milliseconds. */
  ttl: {
    accessToken: number;
    refreshToken: number;
    idToken: number;
    authCode: number;
    loginConsentRequest: number;
    authenticationSession: number;
  };
  oauth2: {
    exposeDebug: boolean;
    /** Milliseconds; 0 = no grace (reuse always revokes the family). At most 5 minutes. */
    refreshTokenRotationGracePeriod: number;
    accessTokenStrategy: 'opaque' | 'jwt';
    idTokenSigningAlg: 'RS256' | 'ES256';
  };
  log: { level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent' };
  /** Requests Olympus makes on behalf of clients (a client's jwks_uri). */
  clients: {
    http: {
      /** Refuse URLs that resolve to private, loopback, link-local, CGNAT, multicast or unspecified addresses (SSRF). */
      disallowPrivateIpRanges: boolean;
      /** Exact URLs allowed even when they resolve to such an address. */
      privateIpExceptionUrls: string[];
    };
  };
  /** The identity server (Kratos-compatible). Durations in milliseconds. */
  identity: {
    /** `default` is built in (email + name); others come from `identity.schemas` (file:// or base64://). */
    defaultSchemaId: string;
    schemas: Array<{ id: string; url: string }>;
  };
  selfservice: {
    /** Where a browser flow ends without return_to. */
    defaultBrowserReturnUrl: string;
    /** Allowed return_to prefixes (scheme://host[:port][/path]); the public origin is always allowed. */
    allowedReturnUrls: string[];
    flows: {
      login: { uiUrl: string; lifespan: number };
      registration: { uiUrl: string; lifespan: number; enabled: boolean };
      settings: { uiUrl: string; lifespan: number; privilegedSessionMaxAge: number; requiredAal: 'aal1' | 'highest_available' };
      recovery: { uiUrl: string; lifespan: number; enabled: boolean };
      verification: { uiUrl: string; lifespan: number; enabled: boolean };
      error: { uiUrl: string };
    };
    methods: {
      password: { minLength: number; maxBytes: number; identifierSimilarityCheck: boolean; commonPasswordCheck: boolean };
      totp: { enabled: boolean; issuer: string };
      lookupSecret: { enabled: boolean };
      code: { lifespan: number; maxAttempts: number };
    };
  };
  session: {
    lifespan: number;
    cookieName: string;
    whoamiRequiredAal: 'aal1' | 'highest_available';
  };
  /** argon2id parameters for new password hashes (OWASP minimum m=19 MiB, t=2, p=1). */
  hashers: { argon2: { memoryKiB: number; iterations: number; parallelism: number } };
  courier: {
    /** Empty: messages stay in the store (the dev inbox). */
    smtpConnectionUri: string;
    fromAddress: string;
    fromName: string;
  };
  protection: {
    /** Failed logins per identifier before a temporary lockout, and its length. */
    loginFailuresBeforeLockout: number;
    lockout: number;
  };
  /** Hera's pages: branding, languages, first-party clients, trait → claim mapping per schema id. */
  hera: {
    productName: string;
    /** Absolute path of the logo image, or '' for none. */
    logo: string;
    colors: { primary: string; background: string; text: string };
    defaultLocale: 'en' | 'de';
    firstPartyClients: string[];
    /** Schema id → OIDC claim → dot-separated trait path. */
    claims: Record<string, Record<string, string>>;
  };
}
