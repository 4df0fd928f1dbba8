/**
 * Schema sections of the identity server (Kratos-compatible): identity schemas, self-service flows
 * and methods, sessions, password hashing, the courier and brute-force protection. Spread into the
 * top level of configSchema (schema.ts). Defaults follow Kratos' unless a comment says otherwise.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import { boolean, choice, integer, publicPage, section, text, ttl, urlList, withDefault } from './schema-nodes.ts';
import { oidcMethodSection } from './schema-oidc.ts';
import { passkeyMethodSection, webauthnMethodSection } from './schema-webauthn.ts';

export const PRODUCT_NAME = 'Olympus';

/** Identity schema locations Olympus can read without network access. */
export const IDENTITY_SCHEMA_URL_PATTERN = '^(file://|base64://).+';
/** Empty (dev inbox) or an SMTP URL. */
export const SMTP_URI_PATTERN = '^(|smtps?://.+)$';

/**
 * argon2id floor: OWASP Password Storage Cheat Sheet's minimum (m=19 MiB, t=2, p=1). The schema
 * refuses anything lower, so a config cannot weaken new hashes below it.
 */
export const ARGON2_MINIMUM = { memoryKiB: 19_456, iterations: 2, parallelism: 1 } as const;

const AAL_VALUES = ['aal1', 'highest_available'] as const;

const flow = <Extra extends TProperties>(name: string, path: string, extra: Extra) =>
  section(`The ${name} flow.`, {
    ui_url: publicPage(`${name[0].toUpperCase() + name.slice(1)} UI; receives \`?flow=<id>\`.`, path),
    lifespan: ttl(`How long a ${name} flow may be completed.`, '1h'),
    ...extra,
  });

const enabled = (what: string) => boolean(`Offer ${what}.`, true);

const selfservice = section('Self-service flows (login, registration, settings, recovery, verification).', {
  default_browser_return_url: publicPage('Where a browser flow ends when it has no `return_to`.', '/'),
  allowed_return_urls: urlList('Allowed `return_to` prefixes (scheme://host[:port][/path]); the public origin is always allowed.'),
  flows: section('Each flow: its UI page and lifespan.', {
    login: flow('login', '/login', {}),
    registration: flow('registration', '/registration', { enabled: enabled('self-service registration') }),
    settings: flow('settings', '/settings', {
      privileged_session_max_age: ttl('Sessions older than this must re-authenticate before changing credentials.', '15m'),
      required_aal: choice(AAL_VALUES, 'AAL a session needs to use settings.', 'highest_available'),
    }),
    recovery: flow('recovery', '/recovery', { enabled: enabled('account recovery') }),
    verification: flow('verification', '/verification', { enabled: enabled('address verification') }),
    error: section('The error page.', { ui_url: publicPage('Error UI; receives `?id=<error id>`.', '/error') }),
  }),
  methods: section('Credential methods.', {
    password: section('Passwords (NIST SP 800-63B §5.1.1.2).', {
      min_length: integer('Shortest accepted password, in characters.', 8, 8, 1024),
      max_bytes: integer('Longest accepted password, in UTF-8 bytes.', 1024, 64, 4096),
      identifier_similarity_check: boolean('Refuse passwords too similar to the identifier.', true),
      common_password_check: boolean('Refuse commonly used and breached passwords.', true),
    }),
    totp: section('Time-based one-time passwords (RFC 6238).', {
      enabled: enabled('TOTP as a second factor'),
      issuer: text('Issuer shown in authenticator apps.', PRODUCT_NAME, { minLength: 1 }),
    }),
    lookup_secret: section('Recovery codes.', { enabled: enabled('lookup secrets (recovery codes)') }),
    code: section('One-time codes sent by email (recovery, verification, login).', {
      lifespan: ttl('How long a code is valid.', '15m'),
      max_attempts: integer('Wrong codes accepted before the flow must start over.', 5, 1, 100),
    }),
    oidc: oidcMethodSection,
    passkey: passkeyMethodSection,
    webauthn: webauthnMethodSection,
  }),
});

const { memoryKiB, iterations, parallelism } = ARGON2_MINIMUM;

export const identitySchemaSections = {
  identity: section('Identities and their JSON Schemas.', {
    default_schema_id: text(
      'Schema of identities created without `schema_id` (self-service registration). `default` is built in: email + name.',
      'default',
      { minLength: 1 },
    ),
    schemas: withDefault(
      Type.Array(
        Type.Object(
          { id: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9._-]+$' }), url: Type.String({ pattern: IDENTITY_SCHEMA_URL_PATTERN }) },
          { additionalProperties: false },
        ),
        { description: 'Further identity schemas, as `{ id, url }` with `url` either `file://<path>` or `base64://<JSON Schema>`.' },
      ),
      [],
    ),
  }),
  selfservice,
  session: section('Sessions of the identity server.', {
    lifespan: ttl('How long a session lasts.', '24h'),
    cookie: section('The session cookie.', { name: text('Cookie name.', 'olympus_session', { pattern: '^[A-Za-z0-9_-]+$' }) }),
    whoami: section('`/sessions/whoami`.', { required_aal: choice(AAL_VALUES, 'AAL a session needs to be returned.', 'aal1') }),
  }),
  hashers: section('Password hashing of new and re-hashed passwords.', {
    argon2: section(`argon2id parameters; never below OWASP's minimum (m=${memoryKiB} KiB, t=${iterations}, p=${parallelism}).`, {
      memory: integer(`Memory in KiB; at least ${memoryKiB}.`, memoryKiB, memoryKiB, 4_194_304),
      iterations: integer(`Passes over memory; at least ${iterations}.`, iterations, iterations, 100),
      parallelism: integer('Lanes.', parallelism, parallelism, 64),
    }),
  }),
  courier: section('Outgoing email (verification, recovery and login codes).', {
    smtp: section('SMTP delivery.', {
      connection_uri: withDefault(
        Type.String({
          pattern: SMTP_URI_PATTERN,
          description: 'e.g. `smtps://user:password@mail.example.com:465`. Empty: messages stay in the store (the dev inbox).',
          'x-default': 'empty: the dev inbox',
          'x-secret': true,
          'x-env': 'OLYMPUS_COURIER_SMTP_CONNECTION_URI',
        }),
        '',
      ),
      from_address: text('Sender address.', 'no-reply@localhost', { format: 'email' }),
      from_name: text('Sender name.', PRODUCT_NAME),
    }),
  }),
  protection: section('Brute-force protection.', {
    login: section('Failed logins.', {
      failures_before_lockout: integer('Failed logins per identifier before a temporary lockout.', 5, 1, 1000),
      lockout: ttl('How long the lockout lasts.', '15m'),
    }),
  }),
};
