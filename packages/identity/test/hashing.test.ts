import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { PasswordHasher, passwordHashFormat } from '../src/hashing/hasher.ts';
import { OWASP_ARGON2ID_MINIMUM } from '../src/hashing/argon2.ts';

const hasher = new PasswordHasher(OWASP_ARGON2ID_MINIMUM);
const b64 = (buf: Buffer): string => buf.toString('base64').replace(/=+$/, '');

describe('argon2', () => {
  test('new hashes are argon2id PHC strings at the configured parameters and verify', async () => {
    const encoded = await hasher.hash('correct horse battery staple');
    assert.match(encoded, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await hasher.verify('correct horse battery staple', encoded), true);
    assert.equal(await hasher.verify('correct horse battery stapl', encoded), false);
    assert.equal(await hasher.verify('CORRECT HORSE BATTERY STAPLE', encoded), false);
    assert.equal(hasher.needsRehash(encoded), false);
  });

  test('reference-implementation vectors for argon2i and argon2id verify', async () => {
    // password "password", salt "somesalt", m=64 MiB, t=2, p=1 (phc-winner-argon2 test suite)
    const argon2i = '$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA';
    const argon2id = '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';
    assert.equal(await hasher.verify('password', argon2i), true);
    assert.equal(await hasher.verify('password', argon2id), true);
    assert.equal(await hasher.verify('Password', argon2id), false);
    assert.equal(hasher.needsRehash(argon2i), true, 'argon2i is upgraded');
    assert.equal(hasher.needsRehash(argon2id), true, 'other parameters are upgraded');
  });

  test('parameters below OWASP are raised to the minimum', async () => {
    const weak = new PasswordHasher({ memoryKiB: 1024, iterations: 1, parallelism: 1 });
    assert.deepEqual({ ...weak.params }, { memoryKiB: 19456, iterations: 2, parallelism: 1 });
    assert.match(await weak.hash('some long passphrase'), /\$m=19456,t=2,p=1\$/);
  });

  test('a stored hash with absurd memory is refused instead of computed', async () => {
    const huge = '$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';
    assert.equal(await hasher.verify('password', huge), false);
  });

  test('a login\'s verification tells the re-hash decision as needsRehash does, and none for a wrong password', async () => {
    const current = await hasher.hash('correct horse battery staple');
    const older = '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';
    const bcryptHash = bcrypt.hashSync('password', 4);
    const huge = '$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';
    assert.deepEqual(await hasher.verifyForLogin('correct horse battery staple', current), { verified: true, needsRehash: false });
    assert.deepEqual(await hasher.verifyForLogin('password', older), { verified: true, needsRehash: true });
    assert.deepEqual(await hasher.verifyForLogin('password', bcryptHash), { verified: true, needsRehash: true });
    assert.deepEqual(await hasher.verifyForLogin('Password', older), { verified: false, needsRehash: false });
    assert.deepEqual(await hasher.verifyForLogin('password', huge), { verified: false, needsRehash: false });
    assert.deepEqual(await hasher.verifyForLogin('password', 'not a hash'), { verified: false, needsRehash: false });
  });

  test('the dummy verification never succeeds', async () => {
    assert.equal(await hasher.verifyDummy(''), false);
    assert.equal(await hasher.verifyDummy('anything at all'), false);
  });
});

describe('bcrypt (imported hashes)', () => {
  test('$2a$, $2b$ and $2y$ hashes verify and are marked for re-hash', async () => {
    const encoded = bcrypt.hashSync('tr0ub4dor&3', 4);
    assert.match(encoded, /^\$2b\$04\$/);
    for (const variant of ['$2a$', '$2b$', '$2y$']) {
      const stored = variant + encoded.slice(4);
      assert.equal(await hasher.verify('tr0ub4dor&3', stored), true, variant);
      assert.equal(await hasher.verify('tr0ub4dor&4', stored), false, variant);
      assert.equal(hasher.needsRehash(stored), true);
    }
  });

  test('passwords over 72 bytes never verify against bcrypt (ID-2)', async () => {
    const base = 'x'.repeat(72);
    const encoded = bcrypt.hashSync(`${base}a`, 4);
    // bcryptjs itself would accept any password sharing the first 72 bytes:
    assert.equal(bcrypt.compareSync(`${base}b`, encoded), true);
    assert.equal(await hasher.verify(`${base}b`, encoded), false);
    assert.equal(await hasher.verify(`${base}a`, encoded), false);
    const exactly72 = bcrypt.hashSync(base, 4);
    assert.equal(await hasher.verify(base, exactly72), true);
  });

  test('the 72-byte limit counts UTF-8 bytes, not characters', async () => {
    const emoji = '🙂'.repeat(18); // 72 bytes
    assert.equal(await hasher.verify(emoji, bcrypt.hashSync(emoji, 4)), true);
    const longer = `${emoji}!`;
    assert.equal(await hasher.verify(longer, bcrypt.hashSync(longer, 4)), false);
  });
});

describe('pbkdf2 (Kratos import format)', () => {
  test('RFC 6070 vector for PBKDF2-HMAC-SHA1 verifies', async () => {
    const key = Buffer.from('4b007901b765489abead49d926f721d065a429c1', 'hex');
    const encoded = `$pbkdf2-sha1$i=4096,l=20$${b64(Buffer.from('salt'))}$${b64(key)}`;
    assert.equal(await hasher.verify('password', encoded), true);
    assert.equal(await hasher.verify('passwore', encoded), false);
    assert.equal(hasher.needsRehash(encoded), true);
  });

  for (const digest of ['sha256', 'sha512']) {
    test(`pbkdf2-${digest} with and without base64 padding`, async () => {
      const salt = randomBytes(16);
      const key = pbkdf2Sync('imported secret', salt, 1000, 32, digest);
      const raw = `$pbkdf2-${digest}$i=1000,l=32$${b64(salt)}$${b64(key)}`;
      const padded = `$pbkdf2-${digest}$i=1000,l=32$${salt.toString('base64')}$${key.toString('base64')}`;
      assert.equal(await hasher.verify('imported secret', raw), true);
      assert.equal(await hasher.verify('imported secret', padded), true);
      assert.equal(await hasher.verify('imported secreT', raw), false);
    });
  }

  test('unknown digests and broken parameters verify false', async () => {
    const salt = b64(Buffer.from('salt'));
    const key = b64(pbkdf2Sync('p', 'salt', 10, 32, 'sha256'));
    assert.equal(await hasher.verify('p', `$pbkdf2-sha256$i=10,l=32$${salt}$${key}`), true);
    assert.equal(await hasher.verify('p', `$pbkdf2-md5$i=10,l=32$${salt}$${key}`), false);
    assert.equal(await hasher.verify('p', `$pbkdf2-sha256$i=0,l=32$${salt}$${key}`), false);
    assert.equal(await hasher.verify('p', `$pbkdf2-sha256$i=10$${salt}$${key}`), false);
    assert.equal(await hasher.verify('p', `$pbkdf2-sha256$i=10,l=32$${salt}$%%%`), false);
  });
});

describe('import check', () => {
  test('passwordHashFormat names what verify can check and nothing else', async () => {
    assert.equal(passwordHashFormat(await hasher.hash('x-passphrase-x')), 'argon2');
    assert.equal(passwordHashFormat('$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA'), 'argon2');
    assert.equal(passwordHashFormat(bcrypt.hashSync('x', 4).replace('$2b$', '$2y$')), 'bcrypt');
    assert.equal(passwordHashFormat(`$pbkdf2-sha512$i=10,l=64$c2FsdA$${b64(pbkdf2Sync('x', 'salt', 10, 64, 'sha512'))}`), 'pbkdf2');
    for (const refused of ['', 'plain', '$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$xx', '$2b$31$' + 'a'.repeat(53),
      '$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc', '$pbkdf2-md5$i=10,l=32$c2FsdA$c2FsdA']) {
      assert.equal(passwordHashFormat(refused), undefined, refused);
    }
  });
});

describe('unknown formats', () => {
  for (const encoded of ['', 'plaintext', '$md5$X03MO1qnZdYdgyfeuILPmQ', '$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$xx',
    '$argon2id$garbage', '$2b$04$short', '$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E']) {
    test(`${JSON.stringify(encoded.slice(0, 24))} verifies false without throwing`, async () => {
      assert.equal(await hasher.verify('password', encoded), false);
      assert.equal(hasher.needsRehash(encoded), true);
    });
  }
});
