import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { FlowValidationError, IdentityDisabled, SecurityIdentityMismatch } from '../src/index.ts';
import type { Identity, UiNodeInputAttributes } from '../src/index.ts';
import { passwordLogin } from '../src/strategies/password/login.ts';
import { passwordRegistration } from '../src/strategies/password/registration.ts';
import { hasherFor } from '../src/strategies/password/hasher-for.ts';
import { loginStrategies, loginStrategyFor, registrationStrategies, registrationStrategyFor } from '../src/strategies/index.ts';
import { CountingIdentityStore, newFlow, newIdentity, testContext } from './password-fakes.ts';

const PASSWORD = 'zebra-quartz-71 lantern';

const validationError = async (promise: Promise<unknown>): Promise<FlowValidationError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof FlowValidationError, `expected a FlowValidationError, got ${String(error)}`);
  return error;
};

const inputs = (nodes: ReturnType<typeof passwordLogin.loginNodes>) =>
  nodes.map((n) => {
    const a = n.attributes as UiNodeInputAttributes;
    return { group: n.group, name: a.name, type: a.type, value: a.value, autocomplete: a.autocomplete, label: n.meta.label?.id };
  });

let store: CountingIdentityStore;
let ctx: ReturnType<typeof testContext>['ctx'];
let lines: ReturnType<typeof testContext>['lines'];

/** Registers through the strategy and stores the identity, as the registration flow does. */
const register = async (email: string, password = PASSWORD, state: Identity['state'] = 'active'): Promise<Identity> => {
  const identity = newIdentity(email, state);
  await passwordRegistration.register(ctx, newFlow({ kind: 'registration' }), { method: 'password', password, traits: { email } }, identity);
  assert.equal((await store.createIdentity(identity)).status, 'ok');
  return identity;
};

/** Stores an identity whose password credential holds an imported hash. */
const importHash = async (email: string, hashed: string): Promise<Identity> => {
  const identity = newIdentity(email);
  identity.credentials.password = {
    type: 'password', identifiers: [email], version: 0, config: { hashed_password: hashed },
    created_at: identity.created_at, updated_at: identity.updated_at,
  };
  await store.createIdentity(identity);
  return identity;
};

const login = (identifier: unknown, password: unknown, flow = newFlow()) =>
  passwordLogin.login(ctx, flow, { method: 'password', identifier, password });

const storedHash = async (id: string): Promise<string> => String((await store.getIdentity(id))?.credentials.password?.config.hashed_password);

beforeEach(() => {
  store = new CountingIdentityStore();
  ({ ctx, lines } = testContext(store));
});

describe('nodes', () => {
  test('login: identifier, current password and a Sign in submit; nothing at aal2', () => {
    assert.deepEqual(inputs(passwordLogin.loginNodes(newFlow(), 'aal1')), [
      { group: 'default', name: 'identifier', type: 'text', value: '', autocomplete: 'username', label: 1070004 },
      { group: 'password', name: 'password', type: 'password', value: undefined, autocomplete: 'current-password', label: 1070001 },
      { group: 'password', name: 'method', type: 'submit', value: 'password', autocomplete: undefined, label: 1010001 },
    ]);
    assert.deepEqual(passwordLogin.loginNodes(newFlow(), 'aal2'), []);
  });

  test('registration: new password and a Sign up submit', () => {
    assert.deepEqual(inputs(passwordRegistration.registrationNodes(newFlow({ kind: 'registration' }))), [
      { group: 'password', name: 'password', type: 'password', value: undefined, autocomplete: 'new-password', label: 1070001 },
      { group: 'password', name: 'method', type: 'submit', value: 'password', autocomplete: undefined, label: 1040001 },
    ]);
  });

  test('the strategy maps find password by method and nothing else', () => {
    assert.equal(loginStrategies.password, passwordLogin);
    assert.equal(registrationStrategies.password, passwordRegistration);
    assert.equal(loginStrategyFor('password'), passwordLogin);
    assert.equal(registrationStrategyFor('password'), passwordRegistration);
    // A method name no strategy has ('webauthn' served here until the webauthn strategy existed).
    for (const method of ['saml', 'toString', '__proto__', 42, undefined]) {
      assert.equal(loginStrategyFor(method), undefined, String(method));
    }
  });
});

describe('registration', () => {
  test('stores an argon2id credential under the lower-cased email', async () => {
    const identity = await register('Bob@Example.COM');
    const credential = identity.credentials.password;
    assert.ok(credential);
    assert.equal(credential.type, 'password');
    assert.deepEqual(credential.identifiers, ['bob@example.com']);
    assert.equal(credential.version, 0);
    assert.equal(credential.created_at, '2030-01-02T03:04:05.000Z');
    assert.match(String(credential.config.hashed_password), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await hasherFor(ctx.config).verify(PASSWORD, String(credential.config.hashed_password)), true);
  });

  test('policy violations land on the password node with their message ids', async () => {
    const cases: Array<[string, number]> = [['short', 4000032], ['password123', 4000034], ['carol@example.org!', 4000031]];
    for (const [password, id] of cases) {
      const identity = newIdentity('carol@example.org');
      const error = await validationError(passwordRegistration.register(ctx, newFlow(), { password, traits: identity.traits }, identity));
      assert.deepEqual(error.nodeMessages.password.map((m) => m.id), [id], password);
      assert.equal(identity.credentials.password, undefined, 'no credential is set');
    }
  });

  test('a missing password is 4000002 on the password node', async () => {
    const identity = newIdentity('dave@example.org');
    const error = await validationError(passwordRegistration.register(ctx, newFlow(), { traits: identity.traits }, identity));
    assert.deepEqual(error.nodeMessages.password, [{ id: 4000002, text: 'Property password is missing.', type: 'error', context: { property: 'password' } }]);
  });

  test('traits without an identifier are refused with 4000009', async () => {
    const identity = newIdentity('');
    const error = await validationError(passwordRegistration.register(ctx, newFlow(), { password: PASSWORD }, identity));
    assert.deepEqual(error.messages.map((m) => m.id), [4000009]);
  });
});

describe('login', () => {
  test('the right password returns the identity at aal1, whatever the case of the email', async () => {
    const identity = await register('erin@example.org');
    for (const identifier of ['erin@example.org', 'Erin@Example.org ']) {
      const result = await login(identifier, PASSWORD);
      assert.equal(result.identity.id, identity.id);
      assert.equal(result.method, 'password');
      assert.equal(result.aal, 'aal1');
    }
    assert.equal(store.updates, 0, 'a current hash is not rewritten');
  });

  test('a wrong password and an unknown identifier get the same 4000006 answer after one argon2id verification', async () => {
    await register('frank@example.org');
    const hasher = hasherFor(ctx.config);
    let dummies = 0;
    const original = hasher.verifyDummy.bind(hasher);
    hasher.verifyDummy = async (password: string) => { dummies++; return original(password); };
    try {
      const wrong = await validationError(login('frank@example.org', `${PASSWORD}!`));
      assert.equal(dummies, 0);
      const unknown = await validationError(login('nobody@example.org', PASSWORD));
      assert.equal(dummies, 1);
      assert.deepEqual(unknown.messages, wrong.messages);
      assert.deepEqual(unknown.nodeMessages, wrong.nodeMessages);
      assert.equal(wrong.messages[0].id, 4000006);
      assert.equal(wrong.messages[0].type, 'error');
    } finally {
      hasher.verifyDummy = original;
    }
  });

  test('passwords are case-sensitive (ID-2)', async () => {
    await register('gina@example.org', 'Lantern-Quartz-Zebra');
    assert.equal((await validationError(login('gina@example.org', 'lantern-quartz-zebra'))).messages[0].id, 4000006);
  });

  test('missing or non-string fields are 4000002 on their nodes', async () => {
    const error = await validationError(login('', 42));
    assert.deepEqual(Object.keys(error.nodeMessages).sort(), ['identifier', 'password']);
    assert.equal(error.nodeMessages.identifier[0].id, 4000002);
    assert.deepEqual(error.nodeMessages.password[0].context, { property: 'password' });
  });

  test('a password over the byte cap is refused as invalid credentials', async () => {
    await register('hank@example.org');
    assert.equal((await validationError(login('hank@example.org', 'x'.repeat(2000)))).messages[0].id, 4000006);
  });

  test('a disabled identity is revealed only after the right password', async () => {
    await register('ivy@example.org', PASSWORD, 'inactive');
    assert.equal((await validationError(login('ivy@example.org', 'not the password'))).messages[0].id, 4000006);
    await assert.rejects(login('ivy@example.org', PASSWORD), (e: unknown) => e instanceof IdentityDisabled && e.id === 'identity_disabled');
  });

  test('re-authentication must be by the session identity', async () => {
    const jack = await register('jack@example.org');
    const kate = await register('kate@example.org');
    const flow = newFlow({ refresh: true, identityId: jack.id });
    assert.equal((await login('jack@example.org', PASSWORD, flow)).identity.id, jack.id);
    await assert.rejects(login('kate@example.org', PASSWORD, flow), SecurityIdentityMismatch);
    await assert.rejects(passwordLogin.login(ctx, newFlow(), { identifier: 'kate@example.org', password: PASSWORD }, jack), SecurityIdentityMismatch);
    assert.equal((await login('kate@example.org', PASSWORD)).identity.id, kate.id);
  });
});

describe('imported hashes are upgraded on login (ID-5)', () => {
  test('bcrypt: logs in, is re-hashed to argon2id and stored', async () => {
    const identity = await importHash('liam@example.org', bcrypt.hashSync(PASSWORD, 4));
    const result = await login('liam@example.org', PASSWORD);
    const upgraded = await storedHash(identity.id);
    assert.match(upgraded, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(result.identity.credentials.password?.config.hashed_password, upgraded);
    assert.equal(result.identity.credentials.password?.updated_at, '2030-01-02T03:04:05.000Z');
    assert.equal(store.updates, 1);
    assert.ok(lines.some((l) => l.level === 'info' && l.obj.identity_id === identity.id && l.obj.from === '2b'));
    await login('liam@example.org', PASSWORD);
    assert.equal(store.updates, 1, 'the upgraded hash is current');
  });

  test('bcrypt: a password equal in the first 72 bytes only is refused', async () => {
    const base = 'q'.repeat(72);
    await importHash('mia@example.org', bcrypt.hashSync(`${base}1`, 4));
    assert.equal((await validationError(login('mia@example.org', `${base}2`))).messages[0].id, 4000006);
    assert.equal(store.updates, 0);
  });

  test('pbkdf2-sha256 in Kratos format logs in and is upgraded', async () => {
    const salt = randomBytes(16);
    const key = pbkdf2Sync(PASSWORD, salt, 1000, 32, 'sha256');
    const encoded = `$pbkdf2-sha256$i=1000,l=32$${salt.toString('base64')}$${key.toString('base64')}`;
    const identity = await importHash('noah@example.org', encoded);
    await login('noah@example.org', PASSWORD);
    assert.match(await storedHash(identity.id), /^\$argon2id\$/);
  });

  test('a failed upgrade write does not fail the login', async () => {
    const identity = await importHash('olga@example.org', bcrypt.hashSync(PASSWORD, 4));
    store.failUpdates = true;
    const result = await login('olga@example.org', PASSWORD);
    assert.equal(result.identity.id, identity.id);
    assert.match(await storedHash(identity.id), /^\$2b\$/);
    assert.ok(lines.some((l) => l.level === 'warn' && l.obj.identity_id === identity.id));
  });

  test('an unknown hash format is a wrong password, not a crash', async () => {
    await importHash('pia@example.org', '$md5$X03MO1qnZdYdgyfeuILPmQ');
    assert.equal((await validationError(login('pia@example.org', PASSWORD))).messages[0].id, 4000006);
  });
});
