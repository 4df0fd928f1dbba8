/**
 * The traits form made from an identity schema (pages/identities/trait-fields.ts): which fields a
 * schema gives, the traits a posted form makes (empty optional fields left out, numbers as numbers,
 * traits without a field kept on an edit), and the form values of stored traits.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultIdentitySchema } from '@olympus/identity';
import { formValuesOf, leaves, traitNodes, traitsOf, traitsSchemaOf } from '../src/pages/identities/trait-fields.ts';

const schema = {
  properties: {
    traits: {
      type: 'object',
      required: ['email'],
      properties: {
        email: { type: 'string', format: 'email', title: 'E-Mail' },
        age: { type: 'integer' },
        newsletter: { type: 'boolean', title: 'Newsletter' },
        plan: { type: 'string', enum: ['free', 'pro'] },
        tags: { type: 'array', items: { type: 'string' } },
        address: { type: 'object', properties: { city: { type: ['string', 'null'] } } },
        avatar: { type: 'array', items: { type: 'object' } },
        'odd.key': { type: 'string' },
      },
    },
  },
};

describe('the traits form of an identity schema', () => {
  const nodes = traitNodes(traitsSchemaOf(schema));

  test('each supported trait is a field named by its path; the rest have none', () => {
    assert.deepEqual(leaves(nodes).map((f) => [f.name, f.kind, f.required]), [
      ['traits.email', 'email', true], ['traits.age', 'integer', false], ['traits.newsletter', 'boolean', false],
      ['traits.plan', 'select', false], ['traits.tags', 'list', false], ['traits.address.city', 'text', false],
    ]);
    assert.deepEqual(nodes.find((n) => n.name === 'traits.address')?.kind, 'group');
  });

  test('the default schema: email, then first and last name in a group', () => {
    const fields = leaves(traitNodes(traitsSchemaOf(defaultIdentitySchema())));
    assert.deepEqual(fields.map((f) => [f.name, f.label]), [['traits.email', 'E-Mail'], ['traits.name.first', 'First name'], ['traits.name.last', 'Last name']]);
  });

  test('a posted form: trimmed text, numbers, checkboxes, lines; empty optional fields left out', () => {
    const traits = traitsOf(nodes, { 'traits.email': ' ann@example.com ', 'traits.age': '42', 'traits.newsletter': 'on', 'traits.plan': '', 'traits.tags': 'a\r\n\r\nb ', 'traits.address.city': '' });
    assert.deepEqual(traits, { email: 'ann@example.com', age: 42, newsletter: true, tags: ['a', 'b'] });
    assert.equal(traitsOf(nodes, { 'traits.age': 'forty' }).age, 'forty', 'not a number: kept as text for the schema to name');
  });

  test('an edit keeps the traits the form has no field for, and clears the ones emptied', () => {
    const stored = { email: 'ann@example.com', avatar: [{ url: 'x' }], 'odd.key': 'kept', address: { city: 'Oslo', zip: '0150' }, plan: 'pro' };
    const traits = traitsOf(nodes, { ...formValuesOf(nodes, stored), 'traits.plan': '', 'traits.address.city': '' }, stored);
    assert.deepEqual(traits, { email: 'ann@example.com', avatar: [{ url: 'x' }], 'odd.key': 'kept', address: { zip: '0150' } }, 'an unchecked box adds nothing');
    assert.equal(traitsOf(nodes, {}, { newsletter: true }).newsletter, false, 'but clears a box that was set');
    assert.deepEqual(stored.address, { city: 'Oslo', zip: '0150' }, 'the stored traits are not changed in place');
  });

  test('stored traits as form values', () => {
    assert.deepEqual(formValuesOf(nodes, { email: 'a@b.c', age: 7, newsletter: true, tags: ['x', 'y'], address: { city: 'Rome' } }), {
      'traits.email': 'a@b.c', 'traits.age': '7', 'traits.newsletter': 'on', 'traits.tags': 'x\ny', 'traits.address.city': 'Rome',
    });
  });
});
