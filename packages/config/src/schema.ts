/**
 * The one JSON Schema (ajv 8) of the YAML config file. Keys are snake_case as in Hydra's config;
 * every object rejects unknown keys. `x-default` is documentation for defaults computed at load time
 * (they depend on --dev or on another key); resolve.ts applies all defaults.
 * Custom formats and keywords (`duration`, `http-url`, `dsn`, `maxDuration`, `positiveDuration`)
 * are registered in validate.ts.
 */
import { DEFAULTS, LIMITS, LOG_LEVELS, MIN_SECRET_LENGTH } from './defaults.ts';
import { heraSchemaSection } from './schema-hera.ts';
import { identitySchemaSections } from './schema-identity.ts';
import { duration, object, secretList, ttl, url, type SchemaNode } from './schema-nodes.ts';

export type { SchemaNode } from './schema-nodes.ts';

const origin = (name: string, defaultUrl: string, extra: Record<string, SchemaNode> = {}): SchemaNode =>
  object(`The ${name} origin.`, {
    base_url: url(`URL under which the ${name} origin is reached; its port is the listen port unless \`port\` is set.`, `\`${defaultUrl}\``),
    host: { type: 'string', minLength: 1, description: 'Listen address.', default: DEFAULTS.host },
    port: {
      type: 'integer',
      minimum: 1,
      maximum: 65535,
      description: 'Listen port, when it differs from the base URL (e.g. behind a TLS-terminating proxy).',
      'x-default': "the base URL's port (80/443 by scheme)",
    },
    ...extra,
  });

export const configSchema: SchemaNode = {
  $id: 'https://olympus.dev/schemas/config.json',
  ...object('Olympus configuration file.', {
    dsn: {
      type: 'string',
      format: 'dsn',
      description: 'Database: `sqlite://<file>` or `postgres://user:password@host:5432/db`. Required outside --dev.',
      'x-default': '--dev: `sqlite://<data_dir>/olympus.sqlite`; otherwise none',
    },
    data_dir: {
      type: 'string',
      minLength: 1,
      description: 'Folder for --dev generated secrets and the default SQLite file; relative to the working directory.',
      default: DEFAULTS.dataDir,
    },
    serve: object('Where Olympus listens.', {
      public: origin('public', DEFAULTS.publicUrl),
      admin: origin('admin', DEFAULTS.adminUrl, {
        api_keys: {
          type: 'array',
          description: 'Bearer keys for the admin origin (`Authorization: Bearer <key>`); required when `host` is not loopback.',
          items: { type: 'string', minLength: MIN_SECRET_LENGTH },
          default: [],
          'x-secret': true,
        },
      }),
      cookies: object('Cookies set on the public origin.', {
        same_site: { enum: ['Lax', 'Strict', 'None'], description: 'SameSite attribute.', default: DEFAULTS.sameSite },
        secure: { type: 'boolean', description: 'Secure attribute.', 'x-default': '`false` with --dev, else `true`' },
      }),
    }),
    urls: object('URLs Olympus sends browsers to.', {
      self: object('Olympus itself.', {
        issuer: url('OIDC issuer (`iss`); must be https outside --dev.', '`serve.public.base_url`'),
      }),
      login: url('Login UI; receives `?login_challenge=`.', '`<public>/login`'),
      consent: url('Consent UI; receives `?consent_challenge=`.', '`<public>/consent`'),
      logout: url('Logout UI; receives `?logout_challenge=`.', '`<public>/logout`'),
      error: url('Error page for errors that cannot go back to the client.', '`<public>/oauth2/fallbacks/error`'),
      post_logout_redirect: url(
        'Where a logout ends when the client gave no `post_logout_redirect_uri`.',
        '`<public>/oauth2/fallbacks/logout/callback`',
      ),
    }),
    secrets: object('Secrets as lists: the first entry encrypts and signs, every entry decrypts and verifies, so they rotate.', {
      system: secretList(
        `Seals stored keys and state, keys token hashes. At least ${MIN_SECRET_LENGTH} characters each; required outside --dev.`,
        '--dev: generated into `<data_dir>/secrets.json`',
      ),
      cookie: secretList(
        `Signs and encrypts cookies. At least ${MIN_SECRET_LENGTH} characters each.`,
        '--dev: generated into `<data_dir>/secrets.json`; otherwise `secrets.system`',
      ),
    }),
    ttl: object('Lifetimes, as durations like `15m` or `1h30m`.', {
      access_token: ttl('Access tokens.', DEFAULTS.ttl.access_token),
      refresh_token: ttl('Refresh tokens.', DEFAULTS.ttl.refresh_token),
      id_token: ttl('ID tokens.', DEFAULTS.ttl.id_token),
      auth_code: ttl(`Authorization codes; at most ${LIMITS.authCode}.`, DEFAULTS.ttl.auth_code, { maxDuration: LIMITS.authCode }),
      login_consent_request: ttl('Login, consent and logout challenges.', DEFAULTS.ttl.login_consent_request),
      authentication_session: ttl('Remembered login sessions (`remember: true`).', DEFAULTS.ttl.authentication_session),
    }),
    oauth2: object('Authorization server behaviour.', {
      expose_debug: {
        type: 'boolean',
        description: 'Add `error_hint` and `error_debug` to error responses.',
        'x-default': '`true` with --dev, else `false`',
      },
      refresh_token_rotation_grace_period: duration(
        `How long a used refresh token may be used again without revoking its family; at most ${LIMITS.refreshTokenRotationGracePeriod}.`,
        DEFAULTS.refreshTokenRotationGracePeriod,
        { maxDuration: LIMITS.refreshTokenRotationGracePeriod },
      ),
      access_token_strategy: { enum: ['opaque', 'jwt'], description: 'Access token format.', default: DEFAULTS.accessTokenStrategy },
      id_token_signing_alg: { enum: ['RS256', 'ES256'], description: 'Algorithm of the generated ID token key.', default: DEFAULTS.idTokenSigningAlg },
    }),
    log: object('Logging.', {
      level: { enum: [...LOG_LEVELS], description: 'Least severe level written.', default: DEFAULTS.logLevel },
    }),
    clients: object('Requests Olympus makes on behalf of OAuth2 clients.', {
      http: object("Outbound HTTP: fetching a client's `jwks_uri` (names as in Hydra).", {
        disallow_private_ip_ranges: {
          type: 'boolean',
          description:
            'Refuse URLs whose host resolves to a private, loopback, link-local, CGNAT, multicast or unspecified address ' +
            '(IPv4, IPv6 and IPv4-mapped IPv6), so a client cannot make Olympus call into its own network (SSRF).',
          'x-default': '`false` with --dev, else `true`',
        },
        private_ip_exception_urls: {
          type: 'array',
          description:
            'Exact URLs fetched even when they resolve to such an address, e.g. a `jwks_uri` served inside your network. ' +
            'Plain http is fetched only for loopback hosts, and only with --dev or when the URL may reach private addresses.',
          items: { type: 'string', format: 'http-url' },
          default: [],
        },
      }),
    }),
    ...identitySchemaSections,
    ...heraSchemaSection,
  }),
};
