/**
 * Schema sections of the identity server (Kratos-compatible): identity schemas, self-service flows
 * and methods, sessions, password hashing, the courier and brute-force protection. Spread into the
 * top level of configSchema (schema.ts).
 */
import { AAL_VALUES, ARGON2_MINIMUM, IDENTITY_DEFAULTS as D, SELFSERVICE_UI_PATHS } from './identity-defaults.ts';
import { boolean, duration, integer, object, ttl, url, type SchemaNode } from './schema-nodes.ts';

/** Identity schema locations Olympus can read without network access. */
export const IDENTITY_SCHEMA_URL_PATTERN = '^(file://|base64://).+';
/** Empty (dev inbox) or an SMTP URL. */
export const SMTP_URI_PATTERN = '^(|smtps?://.+)$';

const uiUrl = (what: string, path: string): SchemaNode => url(`${what} UI; receives \`?flow=<id>\`.`, `\`<public>${path}\``);

const flow = (name: string, path: string, extra: Record<string, SchemaNode> = {}): SchemaNode =>
  object(`The ${name} flow.`, {
    ui_url: uiUrl(name[0].toUpperCase() + name.slice(1), path),
    lifespan: ttl(`How long a ${name} flow may be completed.`, D.flowLifespan),
    ...extra,
  });

const enabled = (what: string, def = true): SchemaNode => boolean(`Offer ${what}.`, def);

const P = SELFSERVICE_UI_PATHS;

export const identitySchemaSections: Record<string, SchemaNode> = {
  identity: object('Identities and their JSON Schemas.', {
    default_schema_id: {
      type: 'string',
      minLength: 1,
      description: 'Schema of identities created without `schema_id` (self-service registration). `default` is built in: email + name.',
      default: D.defaultSchemaId,
    },
    schemas: {
      type: 'array',
      description: 'Further identity schemas, as `{ id, url }` with `url` either `file://<path>` or `base64://<JSON Schema>`.',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'url'],
        properties: {
          id: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9._-]+$' },
          url: { type: 'string', pattern: IDENTITY_SCHEMA_URL_PATTERN },
        },
      },
    },
  }),
  selfservice: object('Self-service flows (login, registration, settings, recovery, verification).', {
    default_browser_return_url: url('Where a browser flow ends when it has no `return_to`.', '`<public>/`'),
    allowed_return_urls: {
      type: 'array',
      description: 'Allowed `return_to` prefixes (scheme://host[:port][/path]); the public origin is always allowed.',
      items: { type: 'string', format: 'http-url' },
      default: [],
    },
    flows: object('Each flow: its UI page and lifespan.', {
      login: flow('login', P.login),
      registration: flow('registration', P.registration, { enabled: enabled('self-service registration') }),
      settings: flow('settings', P.settings, {
        privileged_session_max_age: ttl(
          'Sessions older than this must re-authenticate before changing credentials.',
          D.privilegedSessionMaxAge,
        ),
        required_aal: { enum: [...AAL_VALUES], description: 'AAL a session needs to use settings.', default: D.settingsRequiredAal },
      }),
      recovery: flow('recovery', P.recovery, { enabled: enabled('account recovery') }),
      verification: flow('verification', P.verification, { enabled: enabled('address verification') }),
      error: object('The error page.', { ui_url: url('Error UI; receives `?id=<error id>`.', `\`<public>${P.error}\``) }),
    }),
    methods: object('Credential methods.', {
      password: object('Passwords (NIST SP 800-63B §5.1.1.2).', {
        min_length: integer('Shortest accepted password, in characters.', D.password.minLength, 8, 1024),
        max_bytes: integer('Longest accepted password, in UTF-8 bytes.', D.password.maxBytes, 64, 4096),
        identifier_similarity_check: boolean('Refuse passwords too similar to the identifier.', D.password.identifierSimilarityCheck),
        common_password_check: boolean('Refuse commonly used and breached passwords.', D.password.commonPasswordCheck),
      }),
      totp: object('Time-based one-time passwords (RFC 6238).', {
        enabled: enabled('TOTP as a second factor'),
        issuer: { type: 'string', minLength: 1, description: 'Issuer shown in authenticator apps.', default: D.totpIssuer },
      }),
      lookup_secret: object('Recovery codes.', { enabled: enabled('lookup secrets (recovery codes)') }),
      code: object('One-time codes sent by email (recovery, verification, login).', {
        lifespan: ttl('How long a code is valid.', D.code.lifespan),
        max_attempts: integer('Wrong codes accepted before the flow must start over.', D.code.maxAttempts, 1, 100),
      }),
    }),
  }),
  session: object('Sessions of the identity server.', {
    lifespan: ttl('How long a session lasts.', D.session.lifespan),
    cookie: object('The session cookie.', {
      name: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'Cookie name.', default: D.session.cookieName },
    }),
    whoami: object('`/sessions/whoami`.', {
      required_aal: { enum: [...AAL_VALUES], description: 'AAL a session needs to be returned.', default: D.session.whoamiRequiredAal },
    }),
  }),
  hashers: object('Password hashing of new and re-hashed passwords.', {
    argon2: object(`argon2id parameters; never below OWASP's minimum (m=${ARGON2_MINIMUM.memoryKiB} KiB, t=${ARGON2_MINIMUM.iterations}, p=${ARGON2_MINIMUM.parallelism}).`, {
      memory: integer(`Memory in KiB; at least ${ARGON2_MINIMUM.memoryKiB}.`, ARGON2_MINIMUM.memoryKiB, ARGON2_MINIMUM.memoryKiB, 4_194_304),
      iterations: integer(`Passes over memory; at least ${ARGON2_MINIMUM.iterations}.`, ARGON2_MINIMUM.iterations, ARGON2_MINIMUM.iterations, 100),
      parallelism: integer('Lanes.', ARGON2_MINIMUM.parallelism, ARGON2_MINIMUM.parallelism, 64),
    }),
  }),
  courier: object('Outgoing email (verification, recovery and login codes).', {
    smtp: object('SMTP delivery.', {
      connection_uri: {
        type: 'string',
        pattern: SMTP_URI_PATTERN,
        description: 'e.g. `smtps://user:password@mail.example.com:465`. Empty: messages stay in the store (the dev inbox).',
        default: '',
        'x-default': 'empty: the dev inbox',
        'x-secret': true,
      },
      from_address: { type: 'string', format: 'email', description: 'Sender address.', default: D.courier.fromAddress },
      from_name: { type: 'string', description: 'Sender name.', default: D.courier.fromName },
    }),
  }),
  protection: object('Brute-force protection.', {
    login: object('Failed logins.', {
      failures_before_lockout: integer(
        'Failed logins per identifier before a temporary lockout.',
        D.lockout.failures,
        1,
        1000,
      ),
      lockout: duration('How long the lockout lasts.', D.lockout.duration, { positiveDuration: true }),
    }),
  }),
};
