/** Identity schemas: loading, trait validation with Kratos message ids, and what the extensions derive. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDevConfig, type OlympusConfig } from '@olympus/config';
import {
  identifiersOf, loadSchemas, recoveryAddressesOf, SchemaSourceError, validateTraits, verifiableAddressesOf, type IdentitySchema,
} from '@olympus/identity';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const withSchemas = (schemas: OlympusConfig['identity']['schemas'], defaultSchemaId = 'default'): OlympusConfig => {
  const base = defaultDevConfig(process.cwd(), { publicUrl: 'http://auth.test:4444' });
  return { ...base, identity: { defaultSchemaId, schemas } };
};
const base64 = (schema: unknown): string => `base64://${Buffer.from(JSON.stringify(schema)).toString('base64')}`;
const defaultSchema = (): IdentitySchema => loadSchemas(withSchemas([])).get('default')!;

/** A customer schema: several emails (each a login and recovery address), a phone for SMS codes, $ref'd. */
const CUSTOMER = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $defs: {
    email: {
      type: 'string', format: 'email',
      'ory.sh/kratos': { credentials: { password: { identifier: true } }, recovery: { via: 'email' }, verification: { via: 'email' } },
    },
  },
  type: 'object',
  properties: {
    traits: {
      type: 'object',
      properties: {
        emails: { type: 'array', items: { $ref: '#/$defs/email' }, minItems: 1 },
        phone: { type: 'string', format: 'tel', 'ory.sh/kratos': { credentials: { code: { identifier: true, via: 'sms' } }, verification: { via: 'sms' } } },
        username: { type: 'string', minLength: 3, 'ory.sh/kratos': { credentials: { password: { identifier: true }, totp: { account_name: true } } } },
      },
      required: ['emails'],
    },
  },
};

describe('trait validation', () => {
  test('valid traits have no errors', () => {
    assert.deepEqual(validateTraits(defaultSchema(), { email: 'ann@example.com', name: { first: 'Ann', last: 'Lee' } }), []);
  });

  test('a missing required trait is 4000002 on its own node', () => {
    const [error, ...rest] = validateTraits(defaultSchema(), { name: { first: 'Ann' } });
    assert.deepEqual(rest, []);
    assert.equal(error?.name, 'traits.email');
    assert.equal(error?.message.id, 4000002);
    assert.deepEqual(error?.message.context, { property: 'email' });
  });

  test('a bad format is 4000004 with format and value in the context', () => {
    const errors = validateTraits(defaultSchema(), { email: 'not-an-email' });
    assert.deepEqual(errors.map((e) => [e.name, e.message.id, e.message.type]), [['traits.email', 4000004, 'error']]);
    assert.deepEqual(errors[0]?.message.context, { format: 'email', value: 'not-an-email' });
  });

  test('wrong types, lengths and unknown traits are reported together', () => {
    const errors = validateTraits(defaultSchema(), { email: 'a@', name: { first: 7 }, nickname: 'x' });
    const byName = Object.fromEntries(errors.map((e) => [e.name, e.message.id]));
    assert.equal(byName['traits.name.first'], 4000026);
    assert.equal(byName['traits.nickname'], 4000001);
    assert.ok([4000003, 4000004].includes(byName['traits.email']!), 'a@ is too short or badly formatted');
  });

  test('traits that are not an object are one error', () => {
    assert.deepEqual(validateTraits(defaultSchema(), 'ann@example.com').map((e) => [e.name, e.message.id]), [['traits', 4000026]]);
  });
});

describe('what the ory.sh/kratos extension derives', () => {
  test('default schema: the email, trimmed and lower-cased, is password, code and verification/recovery address', () => {
    const schema = defaultSchema();
    const traits = { email: ' Ann@Example.COM ' };
    assert.deepEqual(identifiersOf(schema, traits), {
      password: ['ann@example.com'],
      code: ['ann@example.com'],
      webauthn: [],
      codeAddresses: [{ channel: 'email', address: 'ann@example.com' }],
      totpAccountName: 'Ann@Example.COM',
    });
    const [verifiable] = verifiableAddressesOf(schema, traits, { now: NOW });
    assert.deepEqual({ ...verifiable, id: 'x' }, {
      id: 'x', value: 'ann@example.com', verified: false, via: 'email', status: 'pending', verified_at: null,
      created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
    });
    assert.deepEqual(recoveryAddressesOf(schema, traits, { now: NOW }).map((a) => [a.via, a.value]), [['email', 'ann@example.com']]);
  });

  test('an address that stays keeps its id and verification; a new one starts pending', () => {
    const schema = loadSchemas(withSchemas([{ id: 'customer', url: base64(CUSTOMER) }])).get('customer')!;
    const before = verifiableAddressesOf(schema, { emails: ['a@example.com'] }, { now: NOW });
    const verified = [{ ...before[0]!, verified: true, status: 'completed' as const, verified_at: 'then' }];
    const afterChange = verifiableAddressesOf(schema, { emails: ['A@example.com', 'b@example.com'] }, { now: NOW + 1, previous: verified });
    assert.deepEqual(afterChange[0], verified[0]);
    assert.equal(afterChange[1]?.value, 'b@example.com');
    assert.equal(afterChange[1]?.verified, false);
  });

  test('arrays, $ref, sms and TOTP account names in a 2020-12 schema', () => {
    const schema = loadSchemas(withSchemas([{ id: 'customer', url: base64(CUSTOMER) }])).get('customer')!;
    const traits = { emails: ['X@example.com', 'y@example.com', 'x@example.com'], phone: '+4915112345678', username: 'Xavier' };
    assert.deepEqual(validateTraits(schema, traits), []);
    const ids = identifiersOf(schema, traits);
    assert.deepEqual(ids.password, ['x@example.com', 'y@example.com', 'xavier']);
    assert.deepEqual(ids.codeAddresses, [{ channel: 'sms', address: '+4915112345678' }]);
    assert.equal(ids.totpAccountName, 'Xavier');
    assert.deepEqual(verifiableAddressesOf(schema, traits, { now: NOW }).map((a) => `${a.via}:${a.value}`), [
      'email:x@example.com', 'email:y@example.com', 'sms:+4915112345678',
    ]);
    assert.deepEqual(validateTraits(schema, { emails: [], phone: '12' }).map((e) => e.name).sort(), ['traits.emails', 'traits.phone']);
  });
});

describe('loading schemas', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'olympus-schemas-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  test('file:// relative to the working directory and absolute, base64://, with schema URLs under /schemas/', async () => {
    await writeFile(join(dir, 'customer.json'), JSON.stringify(CUSTOMER));
    const config = withSchemas([
      { id: 'relative', url: 'file://customer.json' },
      { id: 'absolute', url: `file://${join(dir, 'customer.json')}` },
      { id: 'inline', url: base64(CUSTOMER) },
    ], 'inline');
    const schemas = loadSchemas(config, dir);
    assert.equal(schemas.defaultId, 'inline');
    assert.deepEqual(schemas.all().map((s) => s.id), ['default', 'relative', 'absolute', 'inline']);
    assert.equal(schemas.get('default')?.url, 'http://auth.test:4444/schemas/ZGVmYXVsdA');
    assert.equal(schemas.get('relative')?.schema.$schema, CUSTOMER.$schema);
    assert.equal(loadSchemas(config, dir), schemas, 'compiled once per configuration');
  });

  test('an unreadable, non-JSON or invalid schema stops the start, naming the schema', () => {
    const refused = (url: string, pattern: RegExp) =>
      assert.throws(() => loadSchemas(withSchemas([{ id: 'broken', url }])), (err: unknown) => {
        assert.ok(err instanceof SchemaSourceError);
        assert.match(err.message, /"broken"/);
        assert.match(err.message, pattern);
        return true;
      });
    refused('file:///nonexistent/schema.json', /cannot be read/);
    refused('base64://bm90IGpzb24=', /not JSON/);
    refused(base64({ type: 'object', properties: { name: { type: 'string' } } }), /properties\.traits/);
    refused(base64({ type: 'object', properties: { traits: { type: 'no-such-type' } } }), /not a valid JSON Schema/);
  });
});
