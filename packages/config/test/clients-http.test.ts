/** clients.http: the SSRF guard for requests made on clients' behalf (names as in Hydra's config). */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@olympus/config';

const SECRET = 'x'.repeat(32);
const PRODUCTION: NodeJS.ProcessEnv = {
  OLYMPUS_PUBLIC_URL: 'https://auth.example.com',
  OLYMPUS_DSN: 'postgres://olympus@db:5432/olympus',
  OLYMPUS_SECRETS_SYSTEM: SECRET,
};

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'olympus-config-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const load = async (yaml: string, dev: boolean) => {
  const name = `config-${Math.random().toString(36).slice(2)}.yml`;
  await writeFile(join(dir, name), `secrets: { system: ["${SECRET}"], cookie: ["${SECRET}"] }\n${yaml}`);
  return loadConfig({ dev, configPath: name, env: dev ? {} : PRODUCTION, cwd: dir });
};

describe('clients.http', () => {
  test('private addresses are refused by default outside --dev and allowed with --dev', async () => {
    assert.deepEqual((await load('', false)).clients.http, { disallowPrivateIpRanges: true, privateIpExceptionUrls: [] });
    assert.deepEqual((await load('', true)).clients.http, { disallowPrivateIpRanges: false, privateIpExceptionUrls: [] });
  });

  test('configured values win, and exception URLs are normalised as they are compared', async () => {
    const config = await load(
      'clients:\n  http:\n    disallow_private_ip_ranges: true\n    private_ip_exception_urls: ["HTTPS://Keys.Internal:443/jwks"]\n',
      true,
    );
    assert.deepEqual(config.clients.http, { disallowPrivateIpRanges: true, privateIpExceptionUrls: ['https://keys.internal/jwks'] });
  });

  test('a bad value or an unknown key is named with its path', async () => {
    await assert.rejects(
      load('clients:\n  http:\n    disallow_private_ip_range: true\n    private_ip_exception_urls: ["keys.internal/jwks"]\n', true),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /unknown key "disallow_private_ip_range" at clients\.http\.disallow_private_ip_range \(did you mean "disallow_private_ip_ranges"\?\)/);
        assert.match(err.message, /clients\.http\.private_ip_exception_urls\[0\]/);
        return true;
      },
    );
  });
});
