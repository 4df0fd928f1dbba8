/** Trait → claim mapping for ID tokens and userinfo (OIDC Core §5.4, §5.1), without a server. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Identity, VerifiableAddress } from '@olympus/identity';
import { idTokenClaims } from '../src/claims.ts';

const address = (via: 'email' | 'sms', value: string, verified: boolean): VerifiableAddress => ({
  id: `${via}-${value}`, value, verified, via, status: verified ? 'completed' : 'sent',
  verified_at: verified ? '2026-01-01T00:00:00Z' : null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
});

const identityWith = (traits: Record<string, unknown>, opts: { schema?: string; addresses?: VerifiableAddress[] } = {}): Identity => ({
  id: '9f0c7a1e-0000-4000-8000-000000000001', schema_id: opts.schema ?? 'default', schema_url: '', state: 'active',
  state_changed_at: '2026-01-01T00:00:00Z', traits, metadata_public: null, metadata_admin: null, external_id: '',
  verifiable_addresses: opts.addresses ?? [], recovery_addresses: [], credentials: {}, organization_id: null,
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
});

const ALL = ['openid', 'profile', 'email', 'phone', 'address'];

test('default schema: email with its verified flag and the name parts under profile', () => {
  const ada = identityWith({ email: 'Ada@Example.com', name: { first: 'Ada', last: 'Lovelace' } }, { addresses: [address('email', 'ada@example.com', true)] });
  assert.deepEqual(idTokenClaims(ada, ['openid', 'email', 'profile']), {
    email: 'Ada@Example.com', email_verified: true, name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace',
  });
});

test('each claim is released only under its own scope', () => {
  const ada = identityWith({ email: 'ada@example.com', name: 'Ada Lovelace', phone: '+441234567890', address: 'London' });
  assert.deepEqual(idTokenClaims(ada, ['openid']), {});
  assert.deepEqual(Object.keys(idTokenClaims(ada, ['openid', 'email'])).sort(), ['email', 'email_verified']);
  assert.deepEqual(Object.keys(idTokenClaims(ada, ['openid', 'profile'])), ['name']);
  assert.deepEqual(idTokenClaims(ada, ['openid', 'phone']), { phone_number: '+441234567890', phone_number_verified: false });
  assert.deepEqual(idTokenClaims(ada, ['openid', 'address']), { address: { formatted: 'London' } });
});

test('verified flags: false for an unverified or different address, true only for the verified one', () => {
  const pending = identityWith({ email: 'ada@example.com', phone: '+441234567890' }, {
    addresses: [address('email', 'ada@example.com', false), address('sms', '+441234567890', true), address('email', 'other@example.com', true)],
  });
  const claims = idTokenClaims(pending, ALL);
  assert.equal(claims.email_verified, false);
  assert.equal(claims.phone_number_verified, true);
});

test('missing, empty or wrongly shaped traits are left out, never sent empty', () => {
  const sparse = identityWith({ email: '', name: { first: 'Ada' }, picture: 42, address: { country: '', postal_code: 7 } });
  assert.deepEqual(idTokenClaims(sparse, ALL), { name: 'Ada', given_name: 'Ada' });
  assert.deepEqual(idTokenClaims(undefined, ALL), {}, 'no identity (subject unknown to the identity server): no claims');
});

test('the other §5.1 profile claims and the structured address are taken from traits of the same name', () => {
  const traits = {
    name: { first: 'Ada', middle: 'King', last: 'Lovelace' }, nickname: 'ada', preferred_username: 'countess', website: 'https://ada.example',
    picture: 'https://ada.example/ada.png', gender: 'female', birthdate: '1815-12-10', zoneinfo: 'Europe/London', locale: 'en-GB',
    updated_at: '2026-01-02T00:00:00Z', address: { street_address: '12 St James Sq', locality: 'London', country: 'UK', extra: 'dropped' },
  };
  assert.deepEqual(idTokenClaims(identityWith(traits), ALL), {
    name: 'Ada King Lovelace', given_name: 'Ada', middle_name: 'King', family_name: 'Lovelace', nickname: 'ada', preferred_username: 'countess',
    website: 'https://ada.example', picture: 'https://ada.example/ada.png', gender: 'female', birthdate: '1815-12-10', zoneinfo: 'Europe/London',
    locale: 'en-GB', updated_at: Date.parse('2026-01-02T00:00:00Z') / 1000,
    address: { street_address: '12 St James Sq', locality: 'London', country: 'UK' },
  });
});

test('hera.claims maps claims to trait paths per schema, over the built-in mapping', () => {
  const mappings = { customer: { email: 'contact.mail', phone_number: 'contact.mobile', name: 'display_name', given_name: 'first', department: 'org.unit' } };
  const customer = identityWith(
    { contact: { mail: 'bob@example.com', mobile: '+15550001' }, display_name: 'Bob B.', first: 'Bob', email: 'ignored@example.com', org: { unit: 'Sales' } },
    { schema: 'customer', addresses: [address('email', 'bob@example.com', true)] },
  );
  assert.deepEqual(idTokenClaims(customer, ['openid', 'email', 'profile', 'phone'], mappings), {
    email: 'bob@example.com', email_verified: true, name: 'Bob B.', given_name: 'Bob', phone_number: '+15550001', phone_number_verified: false,
  });
  assert.equal(idTokenClaims(customer, ['openid', 'department'], mappings).department, 'Sales', 'a custom claim is released under the scope of its own name');
  const other = identityWith({ email: 'eve@example.com', contact: { mail: 'not-used@example.com' } });
  assert.equal(idTokenClaims(other, ['email'], mappings).email, 'eve@example.com', 'another schema keeps the built-in mapping');
});

test('a mapping never supplies a claim the server owns', () => {
  const mallory = identityWith({ email: 'm@example.com', who: 'admin' });
  const claims = idTokenClaims(mallory, ['openid', 'sub', 'iss', 'email'], { default: { sub: 'who', iss: 'who' } });
  assert.deepEqual(claims, { email: 'm@example.com', email_verified: false });
});

test('a mapping never makes an address verified: the flags come from the verified addresses only', () => {
  const eve = identityWith({ email: 'eve@example.com', i_say_verified: true });
  const claims = idTokenClaims(eve, ['openid', 'email'], { default: { email_verified: 'i_say_verified' } });
  assert.equal(claims.email_verified, false);
});
