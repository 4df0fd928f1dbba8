import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@olympus/config';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'olympus-config-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SECRET = 'x'.repeat(32);

/** Writes `yaml` to a fresh file in the temp dir and loads it. */
const loadYaml = async (yaml: string, opts: { dev?: boolean; env?: NodeJS.ProcessEnv } = {}) => {
  const name = `config-${Math.random().toString(36).slice(2)}.yml`;
  await writeFile(join(dir, name), yaml);
  return loadConfig({ dev: opts.dev ?? true, configPath: name, env: opts.env ?? {}, cwd: dir });
};

const configError = async (promise: Promise<unknown>): Promise<ConfigError> => {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ConfigError');
};

describe('validation', () => {
  test('an unknown key is named with its path, line and the nearest known key', async () => {
    const err = await configError(loadYaml(`secrets:\n  system: ["${SECRET}"]\nttl:\n  acess_token: 15m\n`));
    assert.match(err.message, /config-\w+\.yml: unknown key "acess_token" at ttl\.acess_token \(did you mean "access_token"\?\), line 4/);
  });

  test('a mistyped duration names the key and shows the expected form', async () => {
    const err = await configError(loadYaml('ttl:\n  access_token: 15 minutes\n'));
    assert.ok(err.message.includes('ttl.access_token: "15 minutes" is not a duration like "15m" or "1h30m"'), err.message);
  });

  test('every problem is listed at once', async () => {
    const err = await configError(
      loadYaml(
        [
          'serve:',
          '  cookies: { same_site: lax, secure: "yes" }',
          'ttl:',
          '  auth_code: 1h',
          '  id_token: 0s',
          'oauth2:',
          '  refresh_token_rotation_grace_period: 6m',
          'logging: {}',
        ].join('\n'),
      ),
    );
    assert.equal(err.issues.length, 6, err.message);
    const expected = [
      'serve.cookies.same_site: "lax" is not one of "Lax", "Strict", "None" (did you mean "Lax"?)',
      'serve.cookies.secure: expected true or false, got "yes"',
      'ttl.auth_code: "1h" is longer than the maximum of 10m',
      'ttl.id_token: must be longer than 0s',
      'oauth2.refresh_token_rotation_grace_period: "6m" is longer than the maximum of 5m',
      'unknown key "logging" at logging (did you mean "log"?)',
    ];
    for (const text of expected) assert.ok(err.message.includes(text), `missing: ${text}\n${err.message}`);
  });

  test('a short secret is refused without echoing it', async () => {
    const err = await configError(loadYaml('secrets:\n  system: [tooshort-secret-value]\n'));
    assert.ok(err.message.includes('secrets.system[0]: is 21 characters long; use at least 32'), err.message);
    assert.ok(!err.message.includes('tooshort-secret-value'));
  });

  test('a YAML syntax error names the file and line', async () => {
    const err = await configError(loadYaml('serve:\n  public: { base_url: http://x\nttl: {}\n'));
    assert.match(err.message, /config-\w+\.yml: line 3, column 1:/);
  });

  test('a missing file is named', async () => {
    const err = await configError(loadConfig({ dev: true, configPath: 'nowhere.yml', env: {}, cwd: dir }));
    assert.match(err.message, /nowhere\.yml: it does not exist/);
  });

  test('a file that is not a mapping is refused', async () => {
    const err = await configError(loadYaml('- a\n- b\n'));
    assert.match(err.message, /\(top level\): expected a mapping of keys/);
  });
});

describe('defaults', () => {
  test('dev defaults follow docs/security.md and the public URL', async () => {
    const config = await loadYaml(`secrets:\n  system: ["${SECRET}"]\n  cookie: ["${SECRET}"]\n`);
    assert.equal(config.dev, true);
    assert.deepEqual(config.serve.public, { url: 'http://localhost:4444', host: '127.0.0.1', port: 4444 });
    assert.deepEqual(config.serve.admin, { url: 'http://localhost:4445', host: '127.0.0.1', port: 4445, apiKeys: [] });
    assert.deepEqual(config.serve.cookies, { sameSite: 'Lax', secure: false });
    assert.deepEqual(config.urls, {
      issuer: 'http://localhost:4444',
      login: 'http://localhost:4444/login',
      consent: 'http://localhost:4444/consent',
      logout: 'http://localhost:4444/logout',
      error: 'http://localhost:4444/oauth2/fallbacks/error',
      postLogoutRedirect: 'http://localhost:4444/oauth2/fallbacks/logout/callback',
    });
    assert.deepEqual(config.ttl, {
      accessToken: 15 * 60_000,
      refreshToken: 720 * 3_600_000,
      idToken: 3_600_000,
      authCode: 10 * 60_000,
      loginConsentRequest: 30 * 60_000,
      authenticationSession: 720 * 3_600_000,
    });
    assert.deepEqual(config.oauth2, {
      exposeDebug: true,
      refreshTokenRotationGracePeriod: 0,
      accessTokenStrategy: 'opaque',
      idTokenSigningAlg: 'RS256',
    });
    assert.equal(config.log.level, 'info');
    assert.equal(config.dataDir, join(dir, 'data'));
    assert.equal(config.dsn, `sqlite://${join(dir, 'data')}/olympus.sqlite`);
  });

  test('configured values win, including an explicit listen port behind a proxy', async () => {
    const config = await loadYaml(
      [
        'serve:',
        '  public: { base_url: "https://auth.example.com/", port: 4444 }',
        'urls:',
        '  login: https://app.example.com/sign-in',
        'ttl: { access_token: 1h30m }',
        `secrets: { system: ["${SECRET}"], cookie: ["${SECRET}"] }`,
      ].join('\n'),
    );
    assert.deepEqual(config.serve.public, { url: 'https://auth.example.com', host: '127.0.0.1', port: 4444 });
    assert.equal(config.urls.login, 'https://app.example.com/sign-in');
    assert.equal(config.urls.consent, 'https://auth.example.com/consent');
    assert.equal(config.ttl.accessToken, 90 * 60_000);
  });
});

describe('environment overrides', () => {
  test('URLs set the listen ports (explicit, or 80/443 by scheme) and beat the file', async () => {
    const config = await loadYaml(`serve:\n  public: { base_url: http://localhost:1234 }\nsecrets: { system: ["${SECRET}"] }\n`, {
      env: {
        OLYMPUS_PUBLIC_URL: 'https://auth.example.com',
        OLYMPUS_ADMIN_URL: 'http://127.0.0.1:9000',
        OLYMPUS_DSN: 'postgres://olympus@db:5432/olympus',
        OLYMPUS_DATA_DIR: 'state',
        OLYMPUS_LOG_LEVEL: 'debug',
        OLYMPUS_SECRETS_SYSTEM: `${'a'.repeat(32)}, ${'b'.repeat(40)}`,
      },
    });
    assert.equal(config.serve.public.url, 'https://auth.example.com');
    assert.equal(config.serve.public.port, 443);
    assert.equal(config.urls.issuer, 'https://auth.example.com');
    assert.equal(config.urls.login, 'https://auth.example.com/login');
    assert.equal(config.serve.admin.port, 9000);
    assert.equal(config.dsn, 'postgres://olympus@db:5432/olympus');
    assert.equal(config.dataDir, join(dir, 'state'));
    assert.equal(config.log.level, 'debug');
    assert.deepEqual(config.secrets.system, ['a'.repeat(32), 'b'.repeat(40)]);
  });

  test('plain http without a port listens on 80', async () => {
    const config = await loadYaml(`secrets: { system: ["${SECRET}"], cookie: ["${SECRET}"] }\n`, { env: { OLYMPUS_PUBLIC_URL: 'http://olympus.internal' } });
    assert.equal(config.serve.public.port, 80);
  });

  test('a bad value from the environment names the variable', async () => {
    const err = await configError(loadYaml('{}\n', { env: { OLYMPUS_LOG_LEVEL: 'verbose', OLYMPUS_ADMIN_URL: 'localhost:4445' } }));
    assert.ok(err.message.includes('OLYMPUS_LOG_LEVEL: log.level: "verbose" is not one of'), err.message);
    assert.ok(err.message.includes('OLYMPUS_ADMIN_URL: serve.admin.base_url: "localhost:4445" is not an absolute http:// or https:// URL'), err.message);
  });
});

describe('dev secrets', () => {
  test('are generated once, kept with mode 0600 and reused on the next start', async () => {
    const cwd = await mkdtemp(join(dir, 'dev-'));
    const first = await loadConfig({ dev: true, env: {}, cwd });
    const file = join(cwd, 'data', 'secrets.json');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal(first.secrets.system.length, 1);
    assert.match(first.secrets.system[0], /^[A-Za-z0-9_-]{43}$/);
    assert.match(first.secrets.cookie[0], /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(first.secrets.system[0], first.secrets.cookie[0]);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), first.secrets);

    const second = await loadConfig({ dev: true, env: {}, cwd });
    assert.deepEqual(second.secrets, first.secrets);
  });

  test('two processes starting together agree on one set of secrets', async () => {
    const cwd = await mkdtemp(join(dir, 'race-'));
    const [a, b] = await Promise.all([loadConfig({ dev: true, env: {}, cwd }), loadConfig({ dev: true, env: {}, cwd })]);
    assert.deepEqual(a.secrets, b.secrets);
    assert.deepEqual(await readdir(join(cwd, 'data')), ['secrets.json']);
  });

  test('configured secrets are used and nothing is written', async () => {
    const cwd = await mkdtemp(join(dir, 'configured-'));
    const config = await loadConfig({ dev: true, env: { OLYMPUS_SECRETS_SYSTEM: SECRET }, cwd });
    assert.deepEqual(config.secrets.system, [SECRET]);
    assert.equal(config.secrets.cookie.length, 1); // generated: cookie secrets are not configured
    const withBoth = await mkdtemp(join(dir, 'both-'));
    await writeFile(join(withBoth, 'c.yml'), `secrets: { system: ["${SECRET}"], cookie: ["${'c'.repeat(32)}"] }\n`);
    await loadConfig({ dev: true, configPath: 'c.yml', env: {}, cwd: withBoth });
    assert.deepEqual(await readdir(withBoth), ['c.yml']);
  });

  test('a damaged secrets file is reported, not silently replaced', async () => {
    const cwd = await mkdtemp(join(dir, 'damaged-'));
    await loadConfig({ dev: true, env: {}, cwd });
    await writeFile(join(cwd, 'data', 'secrets.json'), '{"system": ["short"]}');
    const err = await configError(loadConfig({ dev: true, env: {}, cwd }));
    assert.match(err.message, /secrets\.json is damaged/);
  });
});

describe('production mode', () => {
  const production: NodeJS.ProcessEnv = {
    OLYMPUS_PUBLIC_URL: 'https://auth.example.com',
    OLYMPUS_DSN: 'postgres://olympus@db:5432/olympus',
    OLYMPUS_SECRETS_SYSTEM: SECRET,
  };

  test('refuses to start, listing everything missing with how to fix it', async () => {
    const err = await configError(loadConfig({ dev: false, env: {}, cwd: dir }));
    assert.equal(err.issues.length, 3, err.message);
    const [secrets, issuer, dsn] = err.issues;
    assert.match(secrets, /^secrets\.system is not set/);
    assert.match(secrets, /OLYMPUS_SECRETS_SYSTEM/);
    assert.match(issuer, /^urls\.self\.issuer is "http:\/\/localhost:4444" but must be https/);
    assert.match(issuer, /OLYMPUS_PUBLIC_URL/);
    assert.match(dsn, /^dsn is not set/);
    assert.match(dsn, /OLYMPUS_DSN/);
  });

  test('refuses an admin origin beyond loopback without API keys', async () => {
    const err = await configError(loadYaml('serve:\n  admin: { host: 0.0.0.0 }\n', { dev: false, env: production }));
    assert.equal(err.issues.length, 1, err.message);
    assert.match(err.issues[0], /serve\.admin\.host is "0\.0\.0\.0", beyond loopback, but serve\.admin\.api_keys is empty/);
    assert.match(err.issues[0], /OLYMPUS_ADMIN_API_KEYS/);

    const config = await loadYaml('serve:\n  admin: { host: 0.0.0.0 }\n', {
      dev: false,
      env: { ...production, OLYMPUS_ADMIN_API_KEYS: 'k'.repeat(32) },
    });
    assert.deepEqual(config.serve.admin.apiKeys, ['k'.repeat(32)]);
  });

  test('starts when configured, with production defaults', async () => {
    const config = await loadConfig({ dev: false, env: production, cwd: dir });
    assert.equal(config.dev, false);
    assert.equal(config.urls.issuer, 'https://auth.example.com');
    assert.equal(config.serve.cookies.secure, true);
    assert.equal(config.oauth2.exposeDebug, false);
    assert.deepEqual(config.secrets.cookie, [SECRET]);
  });
});
