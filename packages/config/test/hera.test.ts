/** The `hera` section: defaults, overrides, the logo path, and refusals naming the key. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@olympus/config';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'olympus-hera-config-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const load = async (yaml: string) => {
  const name = `config-${Math.random().toString(36).slice(2)}.yml`;
  await writeFile(join(dir, name), `secrets: { system: ["${'x'.repeat(32)}"] }\n${yaml}`);
  return loadConfig({ dev: true, configPath: name, env: {}, cwd: dir });
};

test('defaults: product Olympus, English, accessible colours, no logo, no first-party clients, built-in claims', async () => {
  const { hera } = await load('');
  assert.deepEqual(hera, {
    productName: 'Olympus', logo: '', colors: { primary: '#1d4ed8', background: '#ffffff', text: '#1f2328' },
    defaultLocale: 'en', firstPartyClients: [], claims: {},
  });
});

test('overrides: branding, German by default, first-party clients, a claim mapping per schema; a relative logo is read from the working directory', async () => {
  const { hera } = await load(`hera:
  product_name: Acme ID
  logo: file://assets/logo.svg
  colors: { primary: "#7a1fa2" }
  default_locale: de
  first_party_clients: [acme-web]
  claims: { customer: { phone_number: contact.phone, name: display_name } }
`);
  assert.equal(hera.productName, 'Acme ID');
  assert.equal(hera.logo, join(dir, 'assets/logo.svg'));
  assert.deepEqual(hera.colors, { primary: '#7a1fa2', background: '#ffffff', text: '#1f2328' });
  assert.equal(hera.defaultLocale, 'de');
  assert.deepEqual(hera.firstPartyClients, ['acme-web']);
  assert.deepEqual(hera.claims, { customer: { phone_number: 'contact.phone', name: 'display_name' } });
});

const refusal = async (yaml: string): Promise<string> => {
  try {
    await load(yaml);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail('the config was accepted');
};

test('refusals name the key: a colour that is not #rrggbb, an unknown locale, a logo over http, a bad trait path, a claim no trait may supply, a typo', async () => {
  assert.match(await refusal('hera: { colors: { primary: blue } }'), /hera\.colors\.primary/);
  assert.match(await refusal('hera: { default_locale: fr }'), /hera\.default_locale/);
  assert.match(await refusal('hera: { logo: "https://cdn.example/logo.svg" }'), /hera\.logo/);
  assert.match(await refusal('hera: { claims: { default: { email: "traits[0]" } } }'), /hera\.claims/);
  assert.match(await refusal('hera: { product_nam: X }'), /product_name/);
  assert.match(await refusal('hera: { claims: { default: { email_verified: is_verified } } }'), /hera\.claims/);
  assert.match(await refusal('hera: { claims: { default: { sub: username } } }'), /hera\.claims/);
});
