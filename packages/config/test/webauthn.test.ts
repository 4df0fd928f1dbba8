/**
 * selfservice.methods.passkey and .webauthn: Kratos' relying-party keys load, default to the public
 * origin, and an RP ID that no origin's host can claim is refused at load time with the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@olympus/config';

const load = async (methods: unknown, publicUrl = 'http://localhost:4433') => {
  const dir = await mkdtemp(join(tmpdir(), 'olympus-webauthn-'));
  await writeFile(join(dir, 'olympus.yaml'), JSON.stringify({ serve: { public: { base_url: publicUrl } }, selfservice: { methods } }));
  return loadConfig({ dev: true, configPath: 'olympus.yaml', cwd: dir, env: {} });
};

const problems = async (methods: unknown, publicUrl?: string): Promise<string[]> => {
  try {
    await load(methods, publicUrl);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  return [];
};

test('without rp keys both relying parties are the public origin', async () => {
  const config = await load({ passkey: { enabled: true }, webauthn: { enabled: true } });
  assert.deepEqual(config.selfservice.methods.passkey.config.rp, { id: 'localhost', origins: ['http://localhost:4433'], displayName: 'Olympus' });
  assert.deepEqual(config.selfservice.methods.webauthn.config.rp.origins, ['http://localhost:4433']);
  assert.equal(config.selfservice.methods.webauthn.config.passwordless, false);
});

test("Kratos' rp keys load: a parent domain as RP ID serves its subdomains", async () => {
  const rp = { id: 'example.com', origins: ['https://auth.example.com', 'https://example.com'], display_name: 'Acme' };
  const config = await load({ passkey: { enabled: true, config: { rp } } }, 'https://auth.example.com');
  assert.deepEqual(config.selfservice.methods.passkey.config.rp, { id: 'example.com', origins: rp.origins, displayName: 'Acme' });
});

test('an RP ID that is not a registrable suffix of every origin is refused, naming the origin and the fix', async () => {
  const rp = { id: 'example.com', origins: ['https://auth.example.com', 'https://notexample.com'] };
  const found = await problems({ passkey: { enabled: true, config: { rp } } }, 'https://auth.example.com');
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /passkey\.config\.rp\.id is "example\.com", which is neither the host of the origin "https:\/\/notexample\.com" nor a registrable suffix/);
  assert.match(found[0], /Fix: set selfservice\.methods\.passkey\.config\.rp\.id to "notexample\.com"/);
});

test('an IP address, a bare top-level name, plain http beyond localhost and passwordless webauthn are refused', async () => {
  assert.match((await problems({ webauthn: { enabled: true } }, 'http://127.0.0.1:4433')).join('\n'), /id is the IP address "127\.0\.0\.1"; a WebAuthn RP ID must be a domain/);
  assert.match((await problems({ passkey: { enabled: true, config: { rp: { id: 'com', origins: ['https://a.com'] } } } })).join('\n'), /"com", a top-level name/);
  assert.match((await problems({ passkey: { enabled: true, config: { rp: { id: 'example.com', origins: ['http://auth.example.com'] } } } })).join('\n'), /only to https pages/);
  assert.match((await problems({ webauthn: { config: { passwordless: true } } })).join('\n'), /passwordless is true; Olympus offers passwordless sign-in as the passkey method/);
});

test('disabled methods are not checked: the dev default on 127.0.0.1 still loads', async () => {
  assert.deepEqual(await problems({}, 'http://127.0.0.1:4433'), []);
});
