/**
 * Signing up with a passkey over HTTP (docs/operations/passkeys.md), with the software authenticator
 * of the identity package's tests: the traits first, then the passkey created for the options the
 * flow answers with; the identity has the passkey as its only credential and signs in with it alone.
 * On both databases.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assert as sign, register } from '../packages/identity/test/soft-authenticator.ts';
import { callApi, publicKeyOf, withPasskeys } from './support/passkeys.ts';
import { freshEmail, PASSWORD } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;

for (const kind of ['sqlite', 'postgres'] as const) describe(`passkey registration over HTTP (${kind})`, () => {
  let olympus: TestServer;
  let origin: string;

  before(async () => {
    olympus = await startTestServer(kind, withPasskeys);
    origin = olympus.config.serve.public.url;
  });
  after(async () => {
    await olympus?.close();
  });

  const api = (path: string, options?: { body?: Json; token?: string }) => callApi(origin, path, options);

  test('traits first, then the passkey: an identity with the passkey as its only credential, which signs in alone', async () => {
    const email = freshEmail();
    const flow = await api('/self-service/registration/api');
    assert.ok((flow.body.ui.nodes as Json[]).some((n) => n.group === 'passkey' && n.attributes.name === 'method' && n.attributes.value === 'passkey'));
    const url = `/self-service/registration?flow=${flow.body.id}`;

    const traitsFirst = await api(url, { body: { method: 'passkey', traits: { email } } });
    assert.equal(traitsFirst.status, 400, JSON.stringify(traitsFirst.body));
    assert.deepEqual(traitsFirst.body.ui.messages ?? [], [], 'no error: the next step');
    const options = publicKeyOf(traitsFirst.body, 'passkey_create_data');
    assert.equal(options.user.name, email);
    assert.equal(options.authenticatorSelection.residentKey, 'required');
    assert.ok((traitsFirst.body.ui.nodes as Json[]).some((n) => n.attributes.name === 'passkey_register_trigger'));

    const { credential, response } = register(options as never, 'localhost', origin);
    const done = await api(url, { body: { method: 'passkey', traits: { email }, passkey_register: JSON.stringify(response) } });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const identityId = String(done.body.identity.id);
    assert.equal(done.body.session.authentication_methods[0].method, 'passkey');
    const stored = await olympus.server.identity!.storage.identities.getIdentity(identityId);
    // `code` is the schema's one-time-code identifier (the address), not a secret: the passkey is the only credential.
    assert.deepEqual(Object.keys(stored!.credentials).filter((type) => type !== 'code'), ['passkey'], 'no password');
    assert.equal(Buffer.from(options.user.id, 'base64url').toString(), identityId, 'the user handle names the identity');

    const again = await api(url, { body: { method: 'passkey', traits: { email }, passkey_register: JSON.stringify(response) } });
    assert.notEqual(again.status, 200, 'the answer registers once');

    const login = (await api('/self-service/login/api')).body;
    const answer = sign(credential, publicKeyOf(login, 'passkey_challenge').challenge, 'localhost', origin);
    const signedIn = await api(`/self-service/login?flow=${login.id}`, { body: { method: 'passkey', passkey_login: JSON.stringify(answer) } });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.equal(signedIn.body.session.identity.id, identityId);
    assert.equal(signedIn.body.session.authenticator_assurance_level, 'aal1');
  });

  test('an address already registered is refused with 4000007, as for a password sign-up', async () => {
    const email = freshEmail();
    const taken = await api('/self-service/registration/api');
    assert.equal((await api(`/self-service/registration?flow=${taken.body.id}`, { body: { method: 'password', traits: { email }, password: PASSWORD } })).status, 200);
    const flow = await api('/self-service/registration/api');
    const url = `/self-service/registration?flow=${flow.body.id}`;
    const first = await api(url, { body: { method: 'passkey', traits: { email } } });
    const { response } = register(publicKeyOf(first.body, 'passkey_create_data') as never, 'localhost', origin);
    const refused = await api(url, { body: { method: 'passkey', traits: { email }, passkey_register: JSON.stringify(response) } });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.ui.messages[0].id, 4000007);
  });

  test('an answer for another flow\'s options registers nobody', async () => {
    const start = async () => {
      const flow = await api('/self-service/registration/api');
      const url = `/self-service/registration?flow=${flow.body.id}`;
      const first = await api(url, { body: { method: 'passkey', traits: { email: freshEmail() } } });
      return { url, options: publicKeyOf(first.body, 'passkey_create_data') };
    };
    const one = await start();
    const other = await start();
    const { response } = register(one.options as never, 'localhost', origin);
    const refused = await api(other.url, { body: { method: 'passkey', traits: { email: freshEmail() }, passkey_register: JSON.stringify(response) } });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.ui.messages[0].id, 4000950);
  });
});
