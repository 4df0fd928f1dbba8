/**
 * selfservice.methods.oidc: Kratos' provider list loads; what this version cannot run is refused at
 * load time with the fix (a provider kind not yet supported, a Jsonnet mapper_url, a generic provider
 * without issuer, a repeated id).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@olympus/config';

const load = async (providers: unknown[]) => {
  const dir = await mkdtemp(join(tmpdir(), 'olympus-oidc-'));
  await writeFile(join(dir, 'olympus.yaml'), JSON.stringify({ selfservice: { methods: { oidc: { enabled: true, config: { providers } } } } }));
  return loadConfig({ dev: true, configPath: 'olympus.yaml', cwd: dir, env: {} });
};

const generic = { id: 'corp', provider: 'generic', client_id: 'olympus', client_secret: 'secret', issuer_url: 'https://idp.example.com' };

test('a Kratos provider list loads, camelCase, the mapper kept as written', async () => {
  const config = await load([{ ...generic, label: 'Corp', pkce: 'force', mapper: { traits: { 'name.first': 'given_name' } } }]);
  const [p] = config.selfservice.methods.oidc.config.providers;
  assert.equal(p.clientId, 'olympus');
  assert.equal(p.issuerUrl, 'https://idp.example.com');
  assert.deepEqual(p.mapper, { traits: { 'name.first': 'given_name' } });
});

const problems = async (providers: unknown[]): Promise<string[]> => {
  try {
    await load(providers);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  return [];
};

test('a kind not yet supported, a Jsonnet mapper_url, a generic provider without issuer and a repeated id are refused', async () => {
  const found = await problems([
    { ...generic, id: 'gh', provider: 'github' },
    { ...generic, mapper_url: 'file:///etc/kratos/mapper.jsonnet' },
    { ...generic, id: 'corp', issuer_url: undefined },
  ]);
  assert.ok(found.some((p) => p.includes('providers[0].provider is "github", which is not yet supported')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('mapper_url points at a Jsonnet mapper') && p.includes('mapper: { traits: { email: email')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('providers[2].issuer_url is missing')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('lists the id "corp" more than once')), found.join('\n'));
});
