import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequest } from '../src/errors.ts';
import { applyJsonPatch } from '../src/clients/json-patch.ts';
import { patchClientDocument } from '../src/clients/patch.ts';
import { clientWithDefaults } from '../src/clients/defaults.ts';

const patchError = (doc: unknown, ops: unknown): InvalidRequest => {
  try {
    applyJsonPatch(doc, ops);
  } catch (err) {
    assert.ok(err instanceof InvalidRequest, String(err));
    return err;
  }
  assert.fail('patch applied');
};

describe('RFC 6902 operations (examples from Appendix A)', () => {
  test('add an object member (A.1) and an array element (A.2)', () => {
    assert.deepEqual(applyJsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }]), { foo: 'bar', baz: 'qux' });
    assert.deepEqual(applyJsonPatch({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }]), { foo: ['bar', 'qux', 'baz'] });
  });

  test('add with "-" appends (A.16); an index equal to the length appends too', () => {
    assert.deepEqual(applyJsonPatch({ foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }]), { foo: ['bar', ['abc', 'def']] });
    assert.deepEqual(applyJsonPatch({ a: [1] }, [{ op: 'add', path: '/a/1', value: 2 }]), { a: [1, 2] });
  });

  test('remove a member (A.3) and an element (A.4)', () => {
    assert.deepEqual(applyJsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }]), { foo: 'bar' });
    assert.deepEqual(applyJsonPatch({ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }]), { foo: ['bar', 'baz'] });
  });

  test('replace (A.5), including an array element and the whole document', () => {
    assert.deepEqual(applyJsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }]), { baz: 'boo', foo: 'bar' });
    assert.deepEqual(applyJsonPatch({ a: [1, 2, 3] }, [{ op: 'replace', path: '/a/1', value: 9 }]), { a: [1, 9, 3] });
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }]), { b: 2 });
  });

  test('move a value (A.6) and an array element (A.7)', () => {
    const doc = { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } };
    assert.deepEqual(applyJsonPatch(doc, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }]), {
      foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' },
    });
    assert.deepEqual(applyJsonPatch({ foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }]), {
      foo: ['all', 'cows', 'eat', 'grass'],
    });
  });

  test('copy makes an independent value', () => {
    const result = applyJsonPatch({ a: { x: [1] } }, [{ op: 'copy', from: '/a', path: '/b' }, { op: 'add', path: '/b/x/-', value: 2 }]);
    assert.deepEqual(result, { a: { x: [1] }, b: { x: [1, 2] } });
  });

  test('test passes on equal JSON (A.8) and fails otherwise (A.9)', () => {
    const doc = { baz: 'qux', foo: ['a', 2, 'c'] };
    assert.deepEqual(applyJsonPatch(doc, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }]), doc);
    const err = patchError({ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]);
    assert.match(err.description, /^JSON Patch operation 0 \(test \/baz\) failed: the value at "\/baz" is not the tested value/);
  });

  test('escaped pointer tokens: ~1 is "/" and ~0 is "~" (RFC 6901 §4, A.14)', () => {
    assert.deepEqual(applyJsonPatch({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }, { op: 'remove', path: '/~1' }]), { '~1': 10 });
  });

  test('the document given is not modified, and a failing patch changes nothing', () => {
    const doc = { a: [1] };
    applyJsonPatch(doc, [{ op: 'add', path: '/a/-', value: 2 }]);
    assert.deepEqual(doc, { a: [1] });
    patchError(doc, [{ op: 'add', path: '/b', value: 1 }, { op: 'remove', path: '/nope' }]);
    assert.deepEqual(doc, { a: [1] });
  });

  test('"__proto__" becomes an own member, never the prototype', () => {
    const result = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<string, unknown>;
    assert.equal(Object.hasOwn(result, '__proto__'), true);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    patchError({}, [{ op: 'test', path: '/constructor', value: {} }]);
  });
});

describe('invalid patches name the operation index', () => {
  const cases: [string, unknown, unknown, RegExp][] = [
    ['not an array', { a: 1 }, { op: 'add' }, /must be a JSON Patch: an array of operations/],
    ['unknown op', {}, [{ op: 'merge', path: '/a' }], /operation 0 \(merge \/a\) failed: "op" must be one of add, remove, replace, move, copy, test/],
    ['operation is not an object', {}, ['add'], /operation 0 failed: an operation must be a JSON object/],
    ['missing value', {}, [{ op: 'add', path: '/a' }], /operation 0 \(add \/a\) failed: "add" needs a "value"/],
    ['missing from', {}, [{ op: 'copy', path: '/a' }], /"copy" needs a "from"/],
    ['pointer without slash', {}, [{ op: 'add', path: 'a', value: 1 }], /"a" is not a JSON Pointer/],
    ['bad escape', {}, [{ op: 'add', path: '/a~2', value: 1 }], /has a "~" not followed by 0 or 1/],
    ['remove a missing member', { a: 1 }, [{ op: 'test', path: '/a', value: 1 }, { op: 'remove', path: '/b' }], /operation 1 \(remove \/b\) failed: the path "\/b" does not exist/],
    ['replace a missing member', { a: 1 }, [{ op: 'replace', path: '/b', value: 1 }], /the path "\/b" does not exist/],
    ['add below a missing parent', {}, [{ op: 'add', path: '/a/b', value: 1 }], /the path "\/a\/b" does not exist/],
    ['array index out of range', { a: [1] }, [{ op: 'add', path: '/a/3', value: 1 }], /"3" is not a valid index for an array of 1/],
    ['array index with a leading zero', { a: [1, 2] }, [{ op: 'remove', path: '/a/01' }], /the path "\/a\/01" does not exist/],
    ['move into its own child', { a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/c' }], /cannot be moved into one of its own children/],
    ['remove the whole document', { a: 1 }, [{ op: 'remove', path: '' }], /the whole document cannot be removed/],
  ];
  for (const [name, doc, ops, pattern] of cases) {
    test(name, () => {
      const err = patchError(doc, ops);
      assert.equal(err.error, 'invalid_request');
      assert.equal(err.status, 400);
      assert.match(err.description, pattern);
    });
  }
});

describe('patchClientDocument', () => {
  const client = clientWithDefaults({ client_id: 'app', redirect_uris: ['https://app.example/cb'] }, Date.UTC(2025, 0, 1));

  test('returns the patched client document', () => {
    const patched = patchClientDocument(client, [{ op: 'replace', path: '/client_name', value: 'App' }]) as Record<string, unknown>;
    assert.equal(patched.client_name, 'App');
    assert.equal(client.client_name, '');
  });

  test('client_id and created_at cannot change', () => {
    assert.throws(() => patchClientDocument(client, [{ op: 'replace', path: '/client_id', value: 'other' }]),
      (err: unknown) => err instanceof InvalidRequest && /changes client_id from "app" to "other", but client_id cannot change/.test(err.description));
    assert.throws(() => patchClientDocument(client, [{ op: 'remove', path: '/created_at' }]),
      (err: unknown) => err instanceof InvalidRequest && /changes created_at from "2025-01-01T00:00:00.000Z" to undefined/.test(err.description));
  });

  test('a test of the same client_id passes', () => {
    assert.doesNotThrow(() => patchClientDocument(client, [{ op: 'test', path: '/client_id', value: 'app' }]));
  });
});
