/**
 * Passkeys and security keys at the protocol level (docs/security.md ID-15), with a software
 * authenticator: enrolment in settings, a passkey sign-in without identifier, a security key as the
 * second factor; a challenge bound to its flow and used once, the counter rule, another origin's
 * answer (webauthn_rp_id_mismatch), an unknown credential, and the last way in never removed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OlympusConfig } from '@olympus/config';
import { FlowValidationError, WebauthnRpIdMismatch, newCredential, type Identity, type SelfServiceFlow, type UiNode } from '../src/index.ts';
import { passkeyLogin } from '../src/strategies/passkey/login.ts';
import { passkeySettings } from '../src/strategies/passkey/settings.ts';
import { webauthnLogin } from '../src/strategies/webauthn/login.ts';
import { webauthnSettings } from '../src/strategies/webauthn/settings.ts';
import { newFlow, newIdentity } from './password-fakes.ts';
import { mfaHarness, privilegeSpy, signedIn, type MfaHarness } from './settings-fakes.ts';
import { assert as sign, register, type SoftCredential } from './soft-authenticator.ts';

const RP_ID = 'localhost';
const ORIGIN = 'http://localhost:4444';
const rp = { id: RP_ID, origins: [ORIGIN], displayName: 'Olympus' };

const enabled = (c: OlympusConfig): OlympusConfig => ({
  ...c,
  selfservice: {
    ...c.selfservice,
    methods: { ...c.selfservice.methods, passkey: { enabled: true, config: { rp } }, webauthn: { enabled: true, config: { passwordless: false, rp } } },
  },
});

const refusedWith = async (call: Promise<unknown>, id: number): Promise<void> => {
  await assert.rejects(call, (err: unknown) => {
    assert.ok(err instanceof FlowValidationError, String(err));
    assert.deepEqual(err.messages.map((m) => m.id), [id], err.message);
    return true;
  });
};

const valueOf = (nodes: UiNode[], name: string): string => {
  const node = nodes.find((n) => n.attributes.node_type === 'input' && n.attributes.name === name);
  assert.ok(node && node.attributes.node_type === 'input', `no node ${name}`);
  return String(node.attributes.value);
};

const flowOf = (h: MfaHarness, overrides: Partial<SelfServiceFlow> = {}): SelfServiceFlow =>
  newFlow({ id: crypto.randomUUID(), expiresAt: h.clock.now + 3_600_000, ...overrides });

type Method = 'passkey' | 'webauthn';
const settingsOf = { passkey: passkeySettings, webauthn: webauthnSettings };
const registerField = { passkey: 'passkey_settings_register', webauthn: 'webauthn_register' };
const nameField = { passkey: 'passkey_display_name', webauthn: 'webauthn_register_displayname' };

/** Enrols a credential of `method` through the settings strategy; returns the stored identity and the authenticator's credential. */
const enrol = async (h: MfaHarness, identity: Identity, method: Method, name = 'Laptop'): Promise<{ identity: Identity; credential: SoftCredential }> => {
  const settings = settingsOf[method];
  const form = await settings.settingsForm(h.ctx, identity, undefined);
  const options = JSON.parse(valueOf(form.nodes, `${method}_create_data`)).publicKey;
  const { credential, response } = register(options, RP_ID, ORIGIN);
  const change = await settings.updateSettings(h.ctx, flowOf(h, { kind: 'settings' }), { [registerField[method]]: JSON.stringify(response), [nameField[method]]: name }, identity, form.state, privilegeSpy());
  assert.ok(change.identity && change.credentialsChanged);
  await h.identities.updateIdentity(change.identity);
  return { identity: change.identity, credential };
};

const challengeOf = (flow: SelfServiceFlow, method: Method, identity?: Identity): string => {
  const strategy = method === 'passkey' ? passkeyLogin : webauthnLogin;
  const nodes = strategy.loginNodes(flow, flow.requestedAal, identity, enabled(mfaHarness().ctx.config));
  return JSON.parse(valueOf(nodes, `${method}_challenge`)).publicKey.challenge;
};

const passkeyAnswer = (flow: SelfServiceFlow, credential: SoftCredential, overrides: { origin?: string; counter?: number } = {}) =>
  ({ passkey_login: JSON.stringify(sign(credential, challengeOf(flow, 'passkey'), RP_ID, overrides.origin ?? ORIGIN, overrides.counter)) });

describe('passkeys (ID-15)', () => {
  test('enrolled in settings with its name, a passkey signs in alone: no identifier, no password, aal1', async () => {
    const h = mfaHarness(enabled);
    const { identity } = await signedIn(h);
    const { identity: stored, credential } = await enrol(h, identity, 'passkey');
    assert.equal(stored.credentials.passkey?.config.credentials instanceof Array && (stored.credentials.passkey.config.credentials as { display_name: string }[])[0].display_name, 'Laptop');
    const flow = flowOf(h);
    const nodes = passkeyLogin.loginNodes(flow, 'aal1', undefined, h.ctx.config);
    assert.deepEqual(JSON.parse(valueOf(nodes, 'passkey_challenge')).publicKey.allowCredentials, [], 'discoverable: the authenticator offers its own');
    const result = await passkeyLogin.login(h.ctx, flow, passkeyAnswer(flow, credential));
    assert.equal(result.identity.id, identity.id);
    assert.deepEqual([result.method, result.aal], ['passkey', 'aal1']);
  });

  test('a challenge is bound to its flow and used once', async () => {
    const h = mfaHarness(enabled);
    const { identity } = await signedIn(h);
    // An authenticator without a counter (always 0, as many passkey providers): only the challenge stops a replay.
    const { credential } = await enrol(h, identity, 'passkey');
    const first = flowOf(h);
    const answer = passkeyAnswer(first, credential, { counter: 0 });
    await refusedWith(passkeyLogin.login(h.ctx, flowOf(h), answer), 4000950);
    await passkeyLogin.login(h.ctx, first, answer);
    await refusedWith(passkeyLogin.login(h.ctx, first, answer), 4000952);
  });

  test('the counter rule: a signature counter that does not increase is refused, and the message says why', async () => {
    const h = mfaHarness(enabled);
    const { identity } = await signedIn(h);
    const { credential } = await enrol(h, identity, 'passkey');
    const flow = flowOf(h);
    await passkeyLogin.login(h.ctx, flow, passkeyAnswer(flow, credential, { counter: 5 }));
    const again = flowOf(h);
    await assert.rejects(passkeyLogin.login(h.ctx, again, passkeyAnswer(again, credential, { counter: 5 })), (err: unknown) => {
      assert.ok(err instanceof FlowValidationError);
      assert.equal(err.messages[0].id, 4000951);
      assert.match(err.messages[0].text, /signature counter that did not increase/);
      return true;
    });
    const later = flowOf(h);
    await passkeyLogin.login(h.ctx, later, passkeyAnswer(later, credential, { counter: 6 }));
  });

  test('an answer signed for another origin is webauthn_rp_id_mismatch, naming the relying party', async () => {
    const h = mfaHarness(enabled);
    const { identity } = await signedIn(h);
    const { credential } = await enrol(h, identity, 'passkey');
    const flow = flowOf(h);
    await assert.rejects(passkeyLogin.login(h.ctx, flow, passkeyAnswer(flow, credential, { origin: 'https://evil.example' })), (err: unknown) => {
      assert.ok(err instanceof WebauthnRpIdMismatch, String(err));
      assert.equal(err.id, 'webauthn_rp_id_mismatch');
      assert.deepEqual(err.details, { expected_rp_id: RP_ID, expected_origins: [ORIGIN], origin: 'https://evil.example' });
      return true;
    });
  });

  test('an unknown credential is refused with 4000015', async () => {
    const h = mfaHarness(enabled);
    const { credential } = register({ challenge: 'x', user: { id: 'eA' } }, RP_ID, ORIGIN);
    const flow = flowOf(h);
    await refusedWith(passkeyLogin.login(h.ctx, flow, passkeyAnswer(flow, credential)), 4000015);
  });

  test('the last way in is never removed; with a password it goes, and rename keeps the key', async () => {
    const h = mfaHarness(enabled);
    const { identity } = await signedIn(h);
    const withPassword = { ...identity, credentials: { ...identity.credentials, password: newCredential('password', ['ada@example.com'], { hashed_password: 'x' }, h.clock.now) } };
    const { identity: enrolled } = await enrol(h, withPassword, 'passkey');
    const id = (enrolled.credentials.passkey?.config.credentials as { id: string }[])[0].id;
    const flow = flowOf(h, { kind: 'settings' });
    const renamed = await passkeySettings.updateSettings(h.ctx, flow, { passkey_rename: id, passkey_display_name: 'Phone' }, enrolled, undefined, privilegeSpy());
    assert.equal((renamed.identity?.credentials.passkey?.config.credentials as { display_name: string }[])[0].display_name, 'Phone');
    const { password: _password, ...rest } = enrolled.credentials;
    const passkeyOnly = { ...enrolled, credentials: rest };
    await refusedWith(passkeySettings.updateSettings(h.ctx, flow, { passkey_remove: id }, passkeyOnly, undefined, privilegeSpy()), 4000953);
    const removed = await passkeySettings.updateSettings(h.ctx, flow, { passkey_remove: id }, enrolled, undefined, privilegeSpy());
    assert.equal(removed.identity?.credentials.passkey, undefined);
  });
});

describe('security keys as the second factor (webauthn, aal2)', () => {
  test('only the identity’s own keys are allowed, and success completes aal2', async () => {
    const h = mfaHarness(enabled);
    const { identity } = await signedIn(h);
    const { identity: withKey, credential } = await enrol(h, identity, 'webauthn', 'YubiKey');
    const flow = flowOf(h, { requestedAal: 'aal2' });
    assert.deepEqual(webauthnLogin.loginNodes(flow, 'aal1', withKey, h.ctx.config), []);
    assert.deepEqual(webauthnLogin.loginNodes(flow, 'aal2', newIdentity('bob@example.com'), h.ctx.config), []);
    const options = JSON.parse(valueOf(webauthnLogin.loginNodes(flow, 'aal2', withKey, h.ctx.config), 'webauthn_challenge')).publicKey;
    assert.deepEqual(options.allowCredentials.map((c: { id: string }) => c.id), [credential.id.toString('base64url')]);
    const answer = { webauthn_login: JSON.stringify(sign(credential, options.challenge, RP_ID, ORIGIN)) };
    const result = await webauthnLogin.login(h.ctx, flow, answer, withKey);
    assert.deepEqual([result.method, result.aal], ['webauthn', 'aal2']);
    // A key of another identity does not complete this one's step-up.
    const other = await signedIn(h, 'eve@example.com');
    const { credential: evesKey } = await enrol(h, other.identity, 'webauthn');
    const next = flowOf(h, { requestedAal: 'aal2' });
    await refusedWith(webauthnLogin.login(h.ctx, next, { webauthn_login: JSON.stringify(sign(evesKey, challengeOf(next, 'webauthn', withKey), RP_ID, ORIGIN)) }, withKey), 4000015);
  });
});
