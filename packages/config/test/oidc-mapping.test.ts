/**
 * Loading a provider's mapper forms (docs/operations/social-sign-in.md, "Mapping claims to traits") and
 * its secrets from env:// and file:// references ("Secrets from the environment or a file"): what loads,
 * and the refusals that name the key without printing a secret.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, OIDC_CEL_MAX_LENGTH } from '@olympus/config';

const generic = { id: 'corp', provider: 'generic', client_id: 'olympus', client_secret: 'secret', issuer_url: 'https://idp.example.com' };

const load = async (providers: unknown[], env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}) => {
  const dir = await mkdtemp(join(tmpdir(), 'olympus-oidc-mapping-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  await writeFile(join(dir, 'olympus.yaml'), JSON.stringify({ selfservice: { methods: { oidc: { enabled: true, config: { providers } } } } }));
  return loadConfig({ dev: true, configPath: 'olympus.yaml', cwd: dir, env });
};

const problems = async (...args: Parameters<typeof load>): Promise<string[]> => {
  try {
    await load(...args);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  return [];
};

test('every mapper form loads, camelCase outside the paths the user wrote', async () => {
  const config = await load([{
    ...generic,
    mapper: {
      when: 'claims.hd == "example.com"',
      traits: { email: { from: 'email', when_verified: true }, 'name.first': { cel: 'claims.given_name' }, 'name.last': 'family_name' },
      verified_addresses: ['email'],
      metadata_public: { hd: 'hd' },
      metadata_admin: { 'org.upn': { cel: 'claims.upn', when_verified: false } },
    },
  }]);
  assert.deepEqual(config.selfservice.methods.oidc.config.providers[0].mapper, {
    when: 'claims.hd == "example.com"',
    traits: { email: { from: 'email', whenVerified: true }, 'name.first': { cel: 'claims.given_name' }, 'name.last': 'family_name' },
    verifiedAddresses: ['email'],
    metadataPublic: { hd: 'hd' },
    metadataAdmin: { 'org.upn': { cel: 'claims.upn', whenVerified: false } },
  });
});

test('a source of another shape, an unknown mapper key and an over-long expression are refused', async () => {
  const found = await problems([{
    ...generic,
    mapper: { traits: { email: { claim: 'email' } }, metadata: {}, when: 'x'.repeat(OIDC_CEL_MAX_LENGTH + 1) },
  }]);
  const text = found.join('\n');
  assert.equal(found.filter((p) => p.includes('mapper.traits.email')).length, 1, 'one line for a value that fits none of the forms');
  assert.match(text, /providers\[0\]\.mapper\.traits\.email: \{"claim":"email"\} is none of the accepted forms: a claim path/);
  assert.match(text, /unknown key "metadata" at selfservice\.methods\.oidc\.config\.providers\[0\]\.mapper\.metadata/);
  assert.match(text, /providers\[0\]\.mapper\.when/);
});

test('mapper_url is refused with the mapper equivalent of the common Jsonnet idioms', async () => {
  const [issue] = await problems([{ ...generic, mapper_url: 'base64://bG9jYWwgY2xhaW1zID0ge30=' }]);
  assert.match(issue, /mapper_url points at a Jsonnet mapper/);
  for (const equivalent of ['{ from: email, when_verified: true }', 'verified_addresses: [email]', 'metadata_public: { hd: hd }', "{ cel: 'claims.email.lowerAscii()' }", 'when: \'claims.hd == "example.com"\'']) {
    assert.ok(issue.includes(equivalent), `${equivalent} in\n${issue}`);
  }
});

test('client_secret and apple_private_key from env:// and file:// references', async () => {
  const config = await load([
    { ...generic, client_secret: 'env://CORP_SECRET' },
    { id: 'ap', provider: 'apple', client_id: 'ap', apple_team_id: 'T', apple_private_key_id: 'K', apple_private_key: 'file://apple.pem' },
    { ...generic, id: 'abs', client_secret: 'file://secret.txt' },
  ], { CORP_SECRET: 'from-the-environment' }, { 'apple.pem': '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n', 'secret.txt': 'from-a-file\n' });
  const [corp, apple, abs] = config.selfservice.methods.oidc.config.providers;
  assert.equal(corp.clientSecret, 'from-the-environment');
  assert.equal(apple.applePrivateKey, '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----', 'the trailing newline dropped');
  assert.equal(abs.clientSecret, 'from-a-file');
});

test('a missing variable or an unreadable file stops the start naming the key, never a secret', async () => {
  const found = await problems([
    { ...generic, client_secret: 'env://CORP_SECRET' },
    { ...generic, id: 'two', client_secret: 'file://missing.txt' },
    { ...generic, id: 'three', client_secret: 'file://empty.txt' },
  ], { OTHER: 'do-not-print-me' }, { 'empty.txt': '\n' });
  assert.equal(found.length, 3, found.join('\n'));
  assert.match(found[0], /providers\[0\]\.client_secret is "env:\/\/CORP_SECRET", but the environment variable CORP_SECRET is not set or empty/);
  assert.match(found[1], /providers\[1\]\.client_secret is "file:\/\/missing\.txt", but the file .*missing\.txt cannot be read \(ENOENT\)/);
  assert.match(found[2], /providers\[2\]\.client_secret .* is empty/);
  assert.doesNotMatch(found.join('\n'), /do-not-print-me|client_secret is missing/);
});
