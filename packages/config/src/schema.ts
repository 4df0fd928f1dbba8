/**
 * The one schema of the YAML config file, built with TypeBox (schema-nodes.ts): the JSON Schema ajv
 * validates, the defaults, the file's and the decoded values' types and docs/configuration.md all come
 * from it. Keys are snake_case as in Hydra's config; every object rejects unknown keys. Custom formats
 * and keywords (`duration`, `http-url`, `dsn`, `maxDuration`, `positiveDuration`) are registered in
 * validate.ts.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import { athenaSchemaSection } from './schema-athena.ts';
import { auditSchemaSection } from './schema-audit.ts';
import { traceSchemaSection } from './schema-trace.ts';
import { siteSchemaSection } from './schema-site.ts';
import { heraSchemaSection } from './schema-hera.ts';
import { identitySchemaSections } from './schema-identity.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { choice, duration, filled, MIN_SECRET_LENGTH, modeSwitch, publicPage, secretList, section, text, ttl, url, urlList, withDefault } from './schema-nodes.ts';

export type { SchemaNode } from './schema-nodes.ts';

/** Upper bounds: RFC 6749 §4.1.2 recommends authorization codes live at most 10 minutes; Hydra caps the grace period at 5m. */
const LIMITS = { authCode: '10m', refreshTokenRotationGracePeriod: '5m' } as const;

/**
 * How long a stopping node keeps serving while /health/ready already answers 503, so a load balancer's
 * health check takes it out of rotation before it stops accepting. Its default follows --dev; decode.ts
 * fills it in after decoding, so it is given in milliseconds.
 */
const drainDelay = filled(
  Type.Transform(Type.String({
    format: 'duration',
    description: 'How long a stopping node keeps serving with `/health/ready` at 503 before its listeners close; at least the load balancer\'s health-check interval times its failure threshold.',
    'x-default': '`0s` with --dev, else `5s`',
    'x-mode-default': { dev: 0, production: 5000 },
  })).Decode(parseDuration).Encode(formatDuration),
);

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const origin = <Extra extends TProperties>(name: string, defaultUrl: string, env: string, extra: Extra) =>
  section(`The ${name} origin.`, {
    base_url: withDefault(
      Type.String({
        format: 'http-url',
        description: `URL under which the ${name} origin is reached; its port is the listen port unless \`port\` is set.`,
        'x-env': env,
      }),
      defaultUrl,
    ),
    host: text('Listen address.', '127.0.0.1', { minLength: 1 }),
    port: Type.Integer({
      minimum: 1,
      maximum: 65535,
      description: 'Listen port, when it differs from the base URL (e.g. behind a TLS-terminating proxy).',
      'x-default': "the base URL's port (80/443 by scheme)",
    }),
    ...extra,
  });

export const configSchema = section(
  'Olympus configuration file.',
  {
    dsn: Type.String({
      format: 'dsn',
      description: 'Database: `sqlite://<file>` or `postgres://user:password@host:5432/db`. Required outside --dev.',
      'x-default': '--dev: `sqlite://<data_dir>/olympus.sqlite`; otherwise none',
      'x-env': 'OLYMPUS_DSN',
    }),
    data_dir: text('Folder for --dev generated secrets and the default SQLite file; relative to the working directory.', 'data', {
      minLength: 1,
      'x-env': 'OLYMPUS_DATA_DIR',
    }),
    serve: section('Where Olympus listens.', {
      public: origin('public', 'http://localhost:4444', 'OLYMPUS_PUBLIC_URL', {}),
      admin: origin('admin', 'http://localhost:4445', 'OLYMPUS_ADMIN_URL', {
        api_keys: withDefault(
          Type.Array(Type.String({ minLength: MIN_SECRET_LENGTH }), {
            description: 'Bearer keys for the admin origin (`Authorization: Bearer <key>`); required when `host` is not loopback.',
            'x-secret': true,
            'x-env': 'OLYMPUS_ADMIN_API_KEYS',
          }),
          [],
        ),
      }),
      cookies: section('Cookies set on the public origin.', {
        same_site: choice(['Lax', 'Strict', 'None'], 'SameSite attribute.', 'Lax'),
        secure: modeSwitch('Secure attribute.', false),
      }),
      node_id: Type.String({
        minLength: 1,
        maxLength: 128,
        pattern: '^[\\x21-\\x7e]+$',
        description: 'Names this node in the `X-Olympus-Node` response header of both origins, so a request behind a load balancer can be traced to the node that served it (docs/operations/deployment.md).',
        'x-default': 'the host name and process id, `<hostname>:<pid>`',
        'x-env': 'OLYMPUS_NODE_ID',
      }),
      shutdown: section('How a node stops on SIGTERM or SIGINT (docs/operations/faults.md).', {
        drain_delay: drainDelay,
        timeout: duration('How long requests still in flight when the listeners close may take to finish; connections still busy then are cut.', '10s'),
      }),
      trusted_proxies: withDefault(
        Type.Array(Type.String({ pattern: '^(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(/[0-9]{1,3})?)$' }), {
          description: 'Addresses or CIDR ranges of load balancers whose `X-Forwarded-For` / `X-Forwarded-Proto` / `X-Forwarded-Host` are believed (`loopback` for one on the same host). Empty: the peer address is the client, so behind a proxy every client shares its address in per-IP limits and session devices (docs/operations/deployment.md).',
          'x-env': 'OLYMPUS_TRUSTED_PROXIES',
        }),
        [],
      ),
    }),
    urls: section('URLs Olympus sends browsers to.', {
      self: section('Olympus itself.', {
        issuer: url('OIDC issuer (`iss`); must be https outside --dev.', '`serve.public.base_url`'),
      }),
      login: publicPage('Login UI; receives `?login_challenge=`.', '/login'),
      consent: publicPage('Consent UI; receives `?consent_challenge=`.', '/consent'),
      logout: publicPage('Logout UI; receives `?logout_challenge=`.', '/logout'),
      error: publicPage('Error page for errors that cannot go back to the client.', '/oauth2/fallbacks/error'),
      post_logout_redirect: publicPage('Where a logout ends when the client gave no `post_logout_redirect_uri`.', '/oauth2/fallbacks/logout/callback'),
    }),
    secrets: section(
      'Secrets as lists: the first entry encrypts and signs, every entry decrypts and verifies, so they rotate.',
      {
        system: secretList(
          `Seals stored keys and state, keys token hashes. At least ${MIN_SECRET_LENGTH} characters each; required outside --dev.`,
          '--dev: generated into `<data_dir>/secrets.json`',
          { 'x-env': 'OLYMPUS_SECRETS_SYSTEM' },
        ),
        cookie: secretList(
          `Signs and encrypts cookies. At least ${MIN_SECRET_LENGTH} characters each.`,
          '--dev: generated into `<data_dir>/secrets.json`; otherwise `secrets.system`',
        ),
      },
      { 'x-secret': true },
    ),
    ttl: section('Lifetimes, as durations like `15m` or `1h30m`.', {
      access_token: ttl('Access tokens.', '15m'),
      refresh_token: ttl('Refresh tokens.', '720h'),
      id_token: ttl('ID tokens.', '1h'),
      auth_code: ttl(`Authorization codes; at most ${LIMITS.authCode}.`, '10m', { maxDuration: LIMITS.authCode }),
      login_consent_request: ttl('Login, consent and logout challenges.', '30m'),
      authentication_session: ttl('Remembered login sessions (`remember: true`).', '720h'),
    }),
    oauth2: section('Authorization server behaviour.', {
      expose_debug: modeSwitch('Add `error_hint` and `error_debug` to error responses.', true),
      refresh_token_rotation_grace_period: duration(
        `How long a used refresh token may be used again without revoking its family; at most ${LIMITS.refreshTokenRotationGracePeriod}.`,
        '0s',
        { maxDuration: LIMITS.refreshTokenRotationGracePeriod },
      ),
      access_token_strategy: choice(['opaque', 'jwt'], 'Access token format.', 'opaque'),
      id_token_signing_alg: choice(['RS256', 'ES256'], 'Algorithm of the generated ID token key.', 'RS256'),
    }),
    log: section('Logging.', {
      level: choice(LOG_LEVELS, 'Least severe level written.', 'info', { 'x-env': 'OLYMPUS_LOG_LEVEL' }),
    }),
    clients: section('Requests Olympus makes on behalf of OAuth2 clients.', {
      http: section("Outbound HTTP: fetching a client's `jwks_uri` (names as in Hydra).", {
        disallow_private_ip_ranges: modeSwitch(
          'Refuse URLs whose host resolves to a private, loopback, link-local, CGNAT, multicast or unspecified address ' +
            '(IPv4, IPv6 and IPv4-mapped IPv6), so a client cannot make Olympus call into its own network (SSRF).',
          false,
        ),
        private_ip_exception_urls: urlList(
          'Exact URLs fetched even when they resolve to such an address, e.g. a `jwks_uri` served inside your network. ' +
            'Plain http is fetched only for loopback hosts, and only with --dev or when the URL may reach private addresses.',
        ),
      }),
    }),
    ...identitySchemaSections,
    ...heraSchemaSection,
    ...athenaSchemaSection,
    ...auditSchemaSection,
    ...traceSchemaSection,
    ...siteSchemaSection,
  },
  { $id: 'https://olympus.dev/schemas/config.json' },
);
