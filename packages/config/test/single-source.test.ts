/**
 * The schema is the single source of every config key: each has a default (or says how it is worked
 * out), a row in docs/configuration.md, a place in the file's and the resolved config's types, and a
 * value that reaches OlympusConfig. The type claims below are checked by tsc (`npm run typecheck`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type, type Static, type StaticDecode } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { renderConfigReference, type OlympusConfig } from '@olympus/config';
import { camelCase, snakeCase, type CamelCase } from '../src/camel-case.ts';
import type { ConfigInput } from '../src/input.ts';
import { resolveConfig } from '../src/resolve.ts';
import { configSchema } from '../src/schema.ts';
import { section, ttl, url, withDefault } from '../src/schema-nodes.ts';
import { keysOf } from '../src/schema-walk.ts';
import { schemaErrors } from '../src/validate.ts';

const SECRET = 'x'.repeat(32);

/** A valid value, other than the default, for every key of the schema. */
const SAMPLE: ConfigInput = {
  dsn: 'postgres://olympus@db:5432/olympus',
  data_dir: 'state',
  serve: {
    public: { base_url: 'https://auth.example.com', host: '0.0.0.0', port: 8443 },
    admin: { base_url: 'http://10.0.0.5:9000', host: '10.0.0.5', port: 9001, api_keys: [SECRET] },
    cookies: { same_site: 'Strict', secure: true },
    node_id: 'node-a',
    shutdown: { drain_delay: '2s', timeout: '20s' },
    trusted_proxies: ['10.0.0.0/8'],
  },
  urls: {
    self: { issuer: 'https://issuer.example.com' },
    login: 'https://ui.example.com/login',
    consent: 'https://ui.example.com/consent',
    logout: 'https://ui.example.com/logout',
    error: 'https://ui.example.com/error',
    post_logout_redirect: 'https://ui.example.com/bye',
  },
  secrets: { system: [SECRET], cookie: ['c'.repeat(32)] },
  ttl: { access_token: '5m', refresh_token: '24h', id_token: '30m', auth_code: '5m', login_consent_request: '10m', authentication_session: '24h' },
  oauth2: { expose_debug: false, refresh_token_rotation_grace_period: '1m', access_token_strategy: 'jwt', id_token_signing_alg: 'ES256' },
  log: { level: 'debug' },
  clients: { http: { disallow_private_ip_ranges: true, private_ip_exception_urls: ['https://keys.internal/jwks'] } },
  athena: { enabled: false, required_aal: 'aal2', session: { idle_timeout: '10m', lifespan: '8h' } },
  audit: { retention: '720h' },
  trace: { enabled: false, retention: '48h' },
  site: { playground: { enabled: false } },
  identity: { default_schema_id: 'customer', schemas: [{ id: 'customer', url: 'base64://e30=' }] },
  selfservice: {
    default_browser_return_url: 'https://app.example.com/',
    allowed_return_urls: ['https://app.example.com/'],
    flows: {
      login: { ui_url: 'https://ui.example.com/sign-in', lifespan: '10m' },
      registration: { ui_url: 'https://ui.example.com/sign-up', lifespan: '10m', enabled: false },
      settings: { ui_url: 'https://ui.example.com/settings', lifespan: '10m', privileged_session_max_age: '5m', required_aal: 'aal1' },
      recovery: { ui_url: 'https://ui.example.com/recover', lifespan: '10m', enabled: false },
      verification: { ui_url: 'https://ui.example.com/verify', lifespan: '10m', enabled: false },
      error: { ui_url: 'https://ui.example.com/oops' },
    },
    methods: {
      password: { min_length: 12, max_bytes: 256, identifier_similarity_check: false, common_password_check: false },
      totp: { enabled: false, issuer: 'Acme' },
      lookup_secret: { enabled: false },
      code: { lifespan: '5m', max_attempts: 3 },
      oidc: {
        enabled: true,
        config: {
          providers: [{
            id: 'corp', provider: 'generic', label: 'Corp', client_id: 'olympus', client_secret: 'c'.repeat(32), issuer_url: 'https://idp.example.com',
            scope: ['email'], pkce: 'force', mapper: { traits: { email: 'email', 'name.first': 'given_name' } },
          }],
        },
      },
      passkey: { enabled: true, config: { rp: { id: 'example.com', origins: ['https://auth.example.com'], display_name: 'Acme' } } },
      webauthn: { enabled: true, config: { passwordless: true, rp: { id: 'example.com', origins: ['https://auth.example.com'], display_name: 'Acme' } } },
    },
  },
  session: { lifespan: '1h', cookie: { name: 'sid' }, whoami: { required_aal: 'highest_available' } },
  hashers: { argon2: { memory: 65_536, iterations: 3, parallelism: 2 } },
  courier: { smtp: { connection_uri: 'smtps://u:p@mail.example.com:465', from_address: 'id@example.com', from_name: 'Acme' } },
  protection: { login: { failures_before_lockout: 10, lockout: '1h' } },
  hera: {
    product_name: 'Acme ID',
    logo: 'file://assets/logo.svg',
    colors: { primary: '#7a1fa2', background: '#fafafa', text: '#111111' },
    default_locale: 'de',
    first_party_clients: ['acme-web'],
    claims: { customer: { phone_number: 'contact.phone' } },
  },
};

const keys = keysOf(configSchema);
const dotted = (path: string[]): string => path.join('.');

const valueAt = (record: unknown, path: string[]): unknown =>
  path.reduce((node: unknown, key) => (node as Record<string, unknown> | undefined)?.[key], record);

const onlyAt = (path: string[], value: unknown): ConfigInput =>
  path.reduceRight((inner: unknown, key) => ({ [key]: inner }), value) as ConfigInput;

const resolved = (input: ConfigInput, dev: boolean) => resolveConfig(input, { dev, cwd: '/srv/olympus' });

test('every key has a default, or a description of how it is worked out at load time', () => {
  assert.equal(keys.length, 103);
  for (const { path, node } of keys) {
    assert.ok('default' in node || typeof node['x-default'] === 'string', `${dotted(path)} has neither default nor x-default`);
  }
});

test('every key has its row in the reference doc', () => {
  const doc = renderConfigReference();
  for (const { path } of keys) assert.ok(doc.includes(`| \`${dotted(path)}\` |`), dotted(path));
});

test('the sample names every key of the schema, and the schema accepts it', () => {
  for (const { path } of keys) assert.notEqual(valueAt(SAMPLE, path), undefined, `the sample has no value for ${dotted(path)}`);
  assert.deepEqual(schemaErrors(SAMPLE), []);
});

test('every key reaches OlympusConfig: setting it alone changes the resolved config', () => {
  const defaults = resolved({}, true);
  for (const { path } of keys) {
    const input = onlyAt(path, valueAt(SAMPLE, path));
    assert.deepEqual(schemaErrors(input), [], dotted(path));
    assert.notDeepEqual(resolved(input, true), defaults, `${dotted(path)} is not resolved`);
  }
});

test('with nothing configured, every resolved value is there, in both modes', () => {
  const missing = (value: unknown, path: string): string[] =>
    value === undefined
      ? [path]
      : typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, child]) => missing(child, `${path}.${key}`))
        : [];
  assert.deepEqual(missing(resolved({}, true), 'config'), []);
  assert.deepEqual(missing(resolved({}, false), 'config'), []);
});

test('file keys and the names the code reads convert both ways', () => {
  for (const { path } of keys) for (const key of path) assert.equal(snakeCase(camelCase(key)), key);
});

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeHolds = <Claim extends true>(): Claim => true as Claim;

test('a key added to a section is typed in the file and, decoded, in the values, with its default', () => {
  const probe = section('A section with a key more.', {
    new_lifetime: ttl('A lifetime.', '5m'),
    computed_url: url('A URL worked out at load time.', 'somewhere'),
  });
  typeHolds<Equal<Static<typeof probe>, { new_lifetime?: string; computed_url?: string }>>();
  typeHolds<Equal<StaticDecode<typeof probe>, { newLifetime: number; computedUrl?: string }>>();
  assert.deepEqual(Value.Parse(['Clone', 'Default', 'Decode'], probe, {}), { newLifetime: 300_000 });

  // A default must have the key's type.
  // @ts-expect-error a string is no default for an integer
  withDefault(Type.Integer(), 'ten');
});

test("OlympusConfig's sections that mirror the file are derived from it: every key, camelCase", () => {
  typeHolds<Equal<keyof OlympusConfig['ttl'], CamelCase<keyof NonNullable<ConfigInput['ttl']>>>>();
  typeHolds<Equal<OlympusConfig['ttl'][keyof OlympusConfig['ttl']], number>>();
  typeHolds<Equal<keyof OlympusConfig['oauth2'], CamelCase<keyof NonNullable<ConfigInput['oauth2']>>>>();
  typeHolds<Equal<keyof OlympusConfig['hera'], CamelCase<keyof NonNullable<ConfigInput['hera']>>>>();
  typeHolds<Equal<keyof OlympusConfig['selfservice']['methods'], CamelCase<keyof NonNullable<NonNullable<ConfigInput['selfservice']>['methods']>>>>();
});
