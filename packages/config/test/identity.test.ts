/** The identity server's config sections: defaults below the public origin, overrides, and refusals. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@olympus/config';

const SECRET = 'x'.repeat(32);
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'olympus-config-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const load = async (yaml: string, env: NodeJS.ProcessEnv = {}) => {
  const name = `config-${Math.random().toString(36).slice(2)}.yml`;
  await writeFile(join(dir, name), `secrets: { system: ["${SECRET}"] }\nserve: { public: { base_url: "http://auth.test:4444" } }\n${yaml}`);
  return loadConfig({ dev: true, configPath: name, env, cwd: dir });
};

const problems = async (yaml: string): Promise<string> => {
  try {
    await load(yaml);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail('expected a ConfigError');
};

describe('identity config', () => {
  test('defaults: UI pages below the public origin, Kratos-like lifespans, OWASP argon2 floor', async () => {
    const config = await load('');
    assert.deepEqual(config.identity, { defaultSchemaId: 'default', schemas: [] });
    assert.equal(config.selfservice.defaultBrowserReturnUrl, 'http://auth.test:4444/');
    assert.equal(config.selfservice.flows.login.uiUrl, 'http://auth.test:4444/login');
    assert.equal(config.selfservice.flows.registration.uiUrl, 'http://auth.test:4444/registration');
    assert.equal(config.selfservice.flows.error.uiUrl, 'http://auth.test:4444/error');
    assert.equal(config.selfservice.flows.login.lifespan, 3_600_000);
    assert.equal(config.selfservice.flows.settings.privilegedSessionMaxAge, 15 * 60_000);
    assert.equal(config.selfservice.flows.settings.requiredAal, 'highest_available');
    assert.deepEqual(config.selfservice.methods.password, {
      minLength: 8,
      maxBytes: 1024,
      identifierSimilarityCheck: true,
      commonPasswordCheck: true,
    });
    assert.deepEqual(config.selfservice.methods.totp, { enabled: true, issuer: 'Olympus' });
    assert.deepEqual(config.selfservice.methods.code, { lifespan: 15 * 60_000, maxAttempts: 5 });
    assert.deepEqual(config.session, { lifespan: 24 * 3_600_000, cookieName: 'olympus_session', whoamiRequiredAal: 'aal1' });
    assert.deepEqual(config.hashers.argon2, { memoryKiB: 19_456, iterations: 2, parallelism: 1 });
    assert.deepEqual(config.courier, { smtpConnectionUri: '', fromAddress: 'no-reply@localhost', fromName: 'Olympus' });
    assert.deepEqual(config.protection, { loginFailuresBeforeLockout: 5, lockout: 15 * 60_000 });
  });

  test('configured values win; SMTP comes from the environment too', async () => {
    const config = await load(
      [
        'identity: { default_schema_id: customer, schemas: [{ id: customer, url: "base64://e30=" }] }',
        'selfservice:',
        '  flows: { login: { ui_url: "https://ui.test/sign-in", lifespan: 10m }, settings: { privileged_session_max_age: 5m } }',
        '  methods: { password: { min_length: 12 }, code: { max_attempts: 3 } }',
        'session: { lifespan: 1h, cookie: { name: sid }, whoami: { required_aal: highest_available } }',
        'hashers: { argon2: { memory: 65536, iterations: 3 } }',
        'protection: { login: { failures_before_lockout: 10, lockout: 1h } }',
      ].join('\n'),
      { OLYMPUS_COURIER_SMTP_CONNECTION_URI: 'smtps://u:p@mail.test:465' },
    );
    assert.deepEqual(config.identity, { defaultSchemaId: 'customer', schemas: [{ id: 'customer', url: 'base64://e30=' }] });
    assert.deepEqual(config.selfservice.flows.login, { uiUrl: 'https://ui.test/sign-in', lifespan: 600_000 });
    assert.equal(config.selfservice.flows.settings.privilegedSessionMaxAge, 300_000);
    assert.equal(config.selfservice.methods.password.minLength, 12);
    assert.equal(config.selfservice.methods.code.maxAttempts, 3);
    assert.deepEqual(config.session, { lifespan: 3_600_000, cookieName: 'sid', whoamiRequiredAal: 'highest_available' });
    assert.deepEqual(config.hashers.argon2, { memoryKiB: 65_536, iterations: 3, parallelism: 1 });
    assert.equal(config.courier.smtpConnectionUri, 'smtps://u:p@mail.test:465');
    assert.deepEqual(config.protection, { loginFailuresBeforeLockout: 10, lockout: 3_600_000 });
  });

  test('argon2 parameters below the OWASP minimum are refused', async () => {
    const message = await problems('hashers: { argon2: { memory: 4096, iterations: 1 } }');
    assert.match(message, /hashers\.argon2\.memory: 4096 must be at least 19456/);
    assert.match(message, /hashers\.argon2\.iterations: 1 must be at least 2/);
  });

  test('bad schema URLs, SMTP URLs and unknown schema ids are named', async () => {
    const message = await problems(
      'identity: { schemas: [{ id: a, url: "https://x.test/s.json" }] }\ncourier: { smtp: { connection_uri: "mail.test" } }',
    );
    assert.match(message, /identity\.schemas\[0\]\.url: "https:\/\/x\.test\/s\.json" is not a file:\/\/ or base64:\/\/ URL/);
    assert.match(message, /courier\.smtp\.connection_uri: this value is not an smtp:\/\/ or smtps:\/\/ URL/);
    const missing = await problems('identity: { default_schema_id: nope }');
    assert.match(missing, /identity\.default_schema_id is "nope" but no schema has that id/);
  });
});
