import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPasswordPolicy } from '../src/strategies/password/policy.ts';
import type { PasswordPolicy } from '../src/strategies/password/policy.ts';
import { commonPasswordCount, isCommonPassword } from '../src/strategies/password/common-passwords.ts';
import { editDistance, longestCommonSubstring, tooSimilarToIdentifier } from '../src/strategies/password/similarity.ts';

const policy: PasswordPolicy = { minLength: 8, maxBytes: 1024, identifierSimilarityCheck: true, commonPasswordCheck: true };
const email = 'alice@example.com';
const check = (password: string, p: PasswordPolicy = policy) => checkPasswordPolicy(password, [email], p);

describe('length (ID-1, ID-2)', () => {
  test('7 characters are refused with 4000032 and its context; 8 are accepted', () => {
    const refused = check('kq8#Lz2');
    assert.equal(refused?.id, 4000032);
    assert.equal(refused?.type, 'error');
    assert.deepEqual(refused?.context, { min_length: 8, actual_length: 7 });
    assert.equal(check('kq8#Lz2w'), undefined);
  });

  test('length counts characters, not bytes or UTF-16 units', () => {
    assert.deepEqual(check('🙂🙂🙂🙂🙂🙂🙂')?.context, { min_length: 8, actual_length: 7 });
    assert.equal(check('🙂🌻🙂🌻🙂🌻🙂🌻'), undefined);
  });

  test('long passphrases are fine up to the byte cap; beyond it 4000033', () => {
    assert.equal(check('sunflower meadow at noon while the kettle sings a slow old tune x'), undefined);
    const atCap = 'ab1-'.repeat(256);
    assert.equal(check(atCap), undefined);
    const over = check(`${atCap}z`);
    assert.equal(over?.id, 4000033);
    assert.deepEqual(over?.context, { max_length: 1024, actual_length: 1025 });
  });

  test('a one-megabyte password is refused by the byte cap', () => {
    assert.deepEqual(check('x'.repeat(1 << 20))?.context, { max_length: 1024, actual_length: 1 << 20 });
  });
});

describe('no composition rules (ID-3)', () => {
  for (const password of ['lowercase only long passphrase here', 'aaaaaaaaaaaaaaaa-🙂', 'ПарольБезЦифр', '        x']) {
    test(`${JSON.stringify(password)} is accepted`, () => assert.equal(check(password), undefined));
  }

  test('case is significant and kept: the policy never folds it', () => {
    assert.equal(check('Zebra-Quartz-71'), undefined);
    assert.equal(check('zebra-quartz-71'), undefined);
  });

  test('whitespace only or one repeated character is refused with 4000005 and a reason', () => {
    const blank = check('          ');
    assert.equal(blank?.id, 4000005);
    assert.equal(typeof blank?.context?.reason, 'string');
    assert.equal(check('aaaaaaaaaaaa')?.id, 4000005);
  });
});

describe('common passwords (ID-4)', () => {
  test('the bundled list holds well over 10 000 entries', () => {
    assert.ok(commonPasswordCount() > 10_000, `only ${commonPasswordCount()}`);
  });

  test('password123 and its capitalised form are refused with 4000034', () => {
    assert.equal(check('password123')?.id, 4000034);
    assert.equal(check('Password123')?.id, 4000034);
    assert.equal(isCommonPassword('iloveyou2'), true);
    assert.equal(isCommonPassword('zebra-quartz-71'), false);
  });

  test('the check can be switched off', () => {
    assert.equal(check('password123', { ...policy, commonPasswordCheck: false }), undefined);
  });
});

describe('similarity to the identifier (ID-4)', () => {
  test('the identifier itself, in any case, is refused with 4000031', () => {
    assert.equal(check('alice@example.com')?.id, 4000031);
    assert.equal(check('ALICE@EXAMPLE.COM')?.id, 4000031);
    assert.equal(check('alice@example.com1')?.id, 4000031);
  });

  test('a password built on the email local part is refused', () => {
    assert.equal(check('alice2024!')?.id, 4000031);
    assert.equal(check('xxAliceyy')?.id, 4000031);
  });

  test('short local parts do not refuse unrelated passwords', () => {
    assert.equal(checkPasswordPolicy('lilac-garden-9', ['li@example.com'], policy), undefined);
  });

  test('edit distance and longest common substring follow their definitions', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(longestCommonSubstring('l3f9toh1uaf81n21', 'xxl3f9toh1'), 8);
    assert.equal(tooSimilarToIdentifier('l3f9toh1uaf81n21', 'l3f9toh1uaf81n21'), true);
    assert.equal(tooSimilarToIdentifier('hello@example.org', 'hellp@exampel.org'), true, 'edit distance < 5');
    assert.equal(tooSimilarToIdentifier('alice@example.com', 'sunflower meadow'), false);
  });

  test('the check can be switched off', () => {
    assert.equal(check('alice2024!', { ...policy, identifierSimilarityCheck: false }), undefined);
  });
});
