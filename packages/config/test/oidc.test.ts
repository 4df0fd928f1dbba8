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
    { ...generic, id: 'fb', provider: 'facebook' },
    { ...generic, mapper_url: 'file:///etc/kratos/mapper.jsonnet' },
    { ...generic, id: 'corp', issuer_url: undefined },
  ]);
  assert.ok(found.some((p) => p.includes('providers[0].provider is "facebook", which is not yet supported')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('mapper_url points at a Jsonnet mapper') && p.includes('mapper: { traits: { email: email')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('providers[2].issuer_url is missing')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('lists the id "corp" more than once')), found.join('\n'));
});

test('github, microsoft, gitlab and apple load; microsoft needs its tenant and apple a client secret or the key that signs one', async () => {
  const config = await load([
    { id: 'gh', provider: 'github', client_id: 'gh', client_secret: 's' },
    { id: 'ms', provider: 'microsoft', client_id: 'ms', client_secret: 's', microsoft_tenant: 'common', claims_source: 'userinfo' },
    { id: 'gl', provider: 'gitlab', client_id: 'gl', client_secret: 's', account_linking_mode: 'automatic' },
    { id: 'ap', provider: 'apple', client_id: 'ap', apple_team_id: 'T', apple_private_key_id: 'K', apple_private_key: 'pem' },
  ]);
  const [, ms, gl, ap] = config.selfservice.methods.oidc.config.providers;
  assert.equal(ms.microsoftTenant, 'common');
  assert.equal(ms.claimsSource, 'userinfo');
  assert.equal(gl.accountLinkingMode, 'automatic');
  assert.equal(ap.appleTeamId, 'T');
  const found = await problems([
    { id: 'ms', provider: 'microsoft', client_id: 'ms', client_secret: 's' },
    { id: 'ap', provider: 'apple', client_id: 'ap' },
    { id: 'gh', provider: 'github', client_id: 'gh' },
  ]);
  assert.ok(found.some((p) => p.includes('providers[0].microsoft_tenant is missing')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('providers[1] needs a client secret')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('providers[2].client_secret is missing')), found.join('\n'));
});
