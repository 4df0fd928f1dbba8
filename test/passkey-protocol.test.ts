/**
 * Passkeys over HTTP against a real server on a real port (docs/operations/passkeys.md, docs/security.md
 * ID-15), with the software authenticator of the identity package's tests: a passkey enrolled in
 * settings signs in alone; a challenge answered for one flow is refused in another and never accepted
 * twice; the counter rule; an answer signed for another RP ID is webauthn_rp_id_mismatch; the last
 * way into an account is never removed. On both databases.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assert as sign, register, type SoftCredential } from '../packages/identity/test/soft-authenticator.ts';
import { callApi, publicKeyOf, refusalOf, withPasskeys } from './support/passkeys.ts';
import { freshEmail, PASSWORD } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type Json = Record<string, any>;

for (const kind of ['sqlite', 'postgres'] as const) describe(`passkeys over HTTP (${kind})`, () => {
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

  /** A password account signed in natively: its session token and identity id. */
  const signUp = async () => {
    const flow = await api('/self-service/registration/api');
    const done = await api(`/self-service/registration?flow=${flow.body.id}`, { body: { method: 'password', traits: { email: freshEmail() }, password: PASSWORD } });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    return { token: String(done.body.session_token), identityId: String(done.body.identity.id) };
  };

  /** Enrols a passkey in a native settings flow; returns the authenticator's credential. */
  const enrolPasskey = async (token: string, name = 'Laptop'): Promise<SoftCredential> => {
    const flow = await api('/self-service/settings/api', { token });
    assert.equal(flow.status, 200, JSON.stringify(flow.body));
    const { credential, response } = register(publicKeyOf(flow.body, 'passkey_create_data') as never, 'localhost', origin);
    const done = await api(`/self-service/settings?flow=${flow.body.id}`, { token, body: { method: 'passkey', passkey_settings_register: JSON.stringify(response), passkey_display_name: name } });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.state, 'success');
    return credential;
  };

  const loginFlow = async (): Promise<Json> => (await api('/self-service/login/api')).body;

  const passkeyLogin = (flow: Json, answer: unknown) => api(`/self-service/login?flow=${flow.id}`, { body: { method: 'passkey', passkey_login: JSON.stringify(answer) } });

  const answerFor = (flow: Json, credential: SoftCredential, overrides: { rpId?: string; counter?: number } = {}) =>
    sign(credential, publicKeyOf(flow, 'passkey_challenge').challenge, overrides.rpId ?? 'localhost', origin, overrides.counter);

  test('a passkey enrolled in settings signs in alone: no identifier, no password, a session of its identity', async () => {
    const { token, identityId } = await signUp();
    const credential = await enrolPasskey(token);
    const flow = await loginFlow();
    assert.deepEqual(publicKeyOf(flow, 'passkey_challenge').allowCredentials, [], 'the authenticator offers its own passkeys');
    const done = await passkeyLogin(flow, answerFor(flow, credential));
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.session.identity.id, identityId);
    assert.equal(done.body.session.authenticator_assurance_level, 'aal1');
    assert.deepEqual(done.body.session.authentication_methods.map((m: Json) => m.method), ['passkey']);
  });

  test('a challenge answered for one flow is refused in another, and never accepted twice', async () => {
    const { token } = await signUp();
    const credential = await enrolPasskey(token);
    const first = await loginFlow();
    // An authenticator without a counter (always 0): only the challenge stops a replay.
    const answer = answerFor(first, credential, { counter: 0 });
    const elsewhere = await passkeyLogin(await loginFlow(), answer);
    assert.equal(elsewhere.status, 400, JSON.stringify(elsewhere.body));
    assert.equal(refusalOf(elsewhere), 4000950);
    assert.equal((await passkeyLogin(first, answer)).status, 200);
    const again = await passkeyLogin(first, answer);
    assert.notEqual(again.status, 200, 'a replayed answer signs nobody in');
    assert.equal(again.body.session, undefined);
  });

  test('the counter rule: a signature counter that does not increase is refused with 4000951', async () => {
    const { token } = await signUp();
    const credential = await enrolPasskey(token);
    const flow = await loginFlow();
    assert.equal((await passkeyLogin(flow, answerFor(flow, credential, { counter: 7 }))).status, 200);
    const cloned = await loginFlow();
    const refused = await passkeyLogin(cloned, answerFor(cloned, credential, { counter: 7 }));
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refusalOf(refused), 4000951);
    const later = await loginFlow();
    assert.equal((await passkeyLogin(later, answerFor(later, credential, { counter: 8 }))).status, 200);
  });

  test('an answer signed for another RP ID is webauthn_rp_id_mismatch, naming the configured relying party', async () => {
    const { token } = await signUp();
    const credential = await enrolPasskey(token);
    const flow = await loginFlow();
    const refused = await passkeyLogin(flow, answerFor(flow, credential, { rpId: 'evil.example' }));
    assert.equal(refusalOf(refused), 'webauthn_rp_id_mismatch', JSON.stringify(refused.body));
    assert.match(String(refused.body.error.reason), /RP ID "localhost"/);
    assert.equal(refused.body.session, undefined);
  });

  test('the last way into an account is never removed; with a password it goes', async () => {
    const { token, identityId } = await signUp();
    await enrolPasskey(token);
    const removeFirst = async () => {
      const flow = await api('/self-service/settings/api', { token });
      const id = (flow.body.ui.nodes as Json[]).find((n) => n.attributes.name === 'passkey_remove')?.attributes.value;
      assert.ok(id, 'the settings flow lists the passkey with its remove button');
      return api(`/self-service/settings?flow=${flow.body.id}`, { token, body: { method: 'passkey', passkey_remove: id } });
    };
    // The account's password is taken away in the store: a passkey-only account (as a passkey sign-up makes).
    const store = olympus.server.identity!.storage.identities;
    const withPassword = await store.getIdentity(identityId);
    const { password: _password, ...others } = withPassword!.credentials;
    assert.equal((await store.updateIdentity({ ...withPassword!, credentials: others })).status, 'ok');
    const refused = await removeFirst();
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refusalOf(refused), 4000953);
    assert.equal((await store.updateIdentity(withPassword!)).status, 'ok');
    const removed = await removeFirst();
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.equal((await store.getIdentity(identityId))!.credentials.passkey, undefined);
  });
});
