/**
 * The settings flow core (docs/compatibility.md §2.1, §2.4; docs/security.md ID-11, ID-13): who may
 * use a flow, the aal2 rule, privileged changes, CSRF, method choice, sessions ended by a credential
 * change, expiry.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import {
  SecurityCsrfViolation, SecurityIdentityMismatch, SelfServiceFlowExpired, SessionAal2Required, SessionInactive,
  SessionRefreshRequired, createSettingsFlow, csrfTokenFor, findSession, getSettingsFlow, issueSession, newCredential, settingsStrategyFor, settingsWire,
  submitSettings, type Identity,
} from '../src/index.ts';
import { newIdentity } from './password-fakes.ts';
import { DEVICE, mfaHarness, signedIn, type MfaHarness } from './settings-fakes.ts';

const REQUEST_URL = 'http://127.0.0.1:4444/self-service/settings/api';
const NEW_PASSWORD = 'a brand new passphrase 9';

const apiFlow = (h: MfaHarness, current: Awaited<ReturnType<typeof signedIn>>['current']) =>
  createSettingsFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL, current });

const withTotpCredential = (identity: Identity, now: number): Identity => ({
  ...identity, credentials: { ...identity.credentials, totp: newCredential('totp', [identity.id], { totp_url: 'sealed' }, now) },
});

describe('settings flow: access', () => {
  test('no session → session_inactive; the flow belongs to the session identity and shows it', async () => {
    const h = mfaHarness();
    await assert.rejects(createSettingsFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL }), SessionInactive);
    const { identity, current } = await signedIn(h);
    const { flow } = await apiFlow(h, current);
    assert.equal(flow.kind, 'settings');
    assert.equal(flow.state, 'show_form');
    assert.equal(flow.identityId, identity.id);
    const wire = settingsWire(flow, identity);
    assert.equal((wire.identity as Identity).id, identity.id);
    assert.equal('credentials' in (wire.identity as object), false, 'no credentials in the flow');
    assert.equal(JSON.stringify(wire).includes('settingsStates'), false, 'internal state stays inside');
  });

  test('another identity’s session → security_identity_mismatch on get and submit', async () => {
    const h = mfaHarness();
    const owner = await signedIn(h, 'owner@example.com');
    const other = await signedIn(h, 'other@example.com', newIdentity('other@example.com'));
    const { flow } = await apiFlow(h, owner.current);
    await assert.rejects(getSettingsFlow(h.ctx, flow.id, other.current, undefined), SecurityIdentityMismatch);
    await assert.rejects(submitSettings(h.ctx, flow.id, { method: 'profile', traits: { email: 'x@example.com' } }, { current: other.current }), SecurityIdentityMismatch);
  });

  test('required_aal highest_available: an aal1 session of an identity with a second factor → session_aal2_required', async () => {
    const h = mfaHarness();
    const { identity, current } = await signedIn(h);
    const withTotp = withTotpCredential(identity, h.clock.now);
    await h.identities.updateIdentity(withTotp);
    await assert.rejects(apiFlow(h, { ...current, identity: withTotp }), (err: unknown) => {
      assert.ok(err instanceof SessionAal2Required);
      assert.equal(new URL(String(err.extra.redirect_browser_to)).searchParams.get('aal'), 'aal2');
      return true;
    });
    const lenient = mfaHarness((c) => ({ ...c, selfservice: { ...c.selfservice, flows: { ...c.selfservice.flows, settings: { ...c.selfservice.flows.settings, requiredAal: 'aal1' } } } }));
    const again = await signedIn(lenient, 'lenient@example.com', withTotpCredential(newIdentity('lenient@example.com'), lenient.clock.now));
    assert.ok((await apiFlow(lenient, again.current)).flow.id, 'required_aal aal1 lets it through');
  });

  test('an expired flow → self_service_flow_expired with a successor for the same identity', async () => {
    const h = mfaHarness();
    const { identity, current } = await signedIn(h);
    const { flow } = await apiFlow(h, current);
    h.clock.now += h.ctx.config.selfservice.flows.settings.lifespan + 1;
    let successorId = '';
    await assert.rejects(submitSettings(h.ctx, flow.id, { method: 'profile', traits: { email: 'ada@example.com' } }, { current }), (err: unknown) => {
      assert.ok(err instanceof SelfServiceFlowExpired);
      successorId = String(err.extra.use_flow_id);
      return true;
    });
    const successor = (await h.flows.getFlow(successorId))!;
    assert.equal(successor.identityId, identity.id);
    assert.equal(successor.ui.messages?.[0]?.id, 4050001);
  });

  test('browser flows check CSRF like login', async () => {
    const h = mfaHarness();
    const { current } = await signedIn(h);
    const { flow } = await createSettingsFlow(h.ctx, { type: 'browser', requestUrl: REQUEST_URL, csrfSecret: 'browser-secret', current });
    const body = { method: 'profile', traits: { email: 'ada@example.com' } };
    await assert.rejects(submitSettings(h.ctx, flow.id, body, { current, csrfCookie: 'browser-secret' }), SecurityCsrfViolation);
    const ok = await submitSettings(h.ctx, flow.id, body, { current, csrfCookie: 'browser-secret', csrfToken: csrfTokenFor(h.ctx, 'browser-secret', flow.id) });
    assert.equal(ok.kind, 'success');
  });
});

describe('settings flow: submissions', () => {
  test('methods are picked by `method` or by their own buttons; unknown ones are refused with 4010004', async () => {
    assert.equal(settingsStrategyFor({ totp_unlink: 'true' })?.method, 'totp');
    assert.equal(settingsStrategyFor({ lookup_secret_confirm: true })?.method, 'lookup_secret');
    assert.equal(settingsStrategyFor({ traits: {} })?.method, 'profile');
    assert.equal(settingsStrategyFor({ method: 'password', totp_unlink: true })?.method, 'password');
    // A method name no strategy has ('webauthn' served here until the webauthn strategy existed; disabled, it still answers 4010004 below).
    for (const method of ['saml', '__proto__', 'toString']) assert.equal(settingsStrategyFor({ method }), undefined, method);
    const h = mfaHarness();
    const { current } = await signedIn(h);
    const { flow } = await apiFlow(h, current);
    const refused = await submitSettings(h.ctx, flow.id, { method: 'webauthn' }, { current });
    assert.equal(refused.kind, 'invalid');
    assert.deepEqual(refused.flow.ui.messages?.map((m) => m.id), [4010004]);
  });

  test('a password change needs a recent login: 403 session_refresh_required pointing at a refresh login back to the flow', async () => {
    const h = mfaHarness();
    const { current } = await signedIn(h);
    const { flow } = await apiFlow(h, current);
    h.clock.now += h.ctx.config.selfservice.flows.settings.privilegedSessionMaxAge + 1000;
    await assert.rejects(submitSettings(h.ctx, flow.id, { method: 'password', password: NEW_PASSWORD }, { current }), (err: unknown) => {
      assert.ok(err instanceof SessionRefreshRequired);
      const redirect = new URL(String(err.extra.redirect_browser_to));
      assert.equal(redirect.searchParams.get('refresh'), 'true');
      assert.equal(redirect.searchParams.get('return_to'), `http://127.0.0.1:4444/settings?flow=${flow.id}`);
      return true;
    });
    const name = await submitSettings(h.ctx, flow.id, { method: 'profile', traits: { email: 'ada@example.com', name: { first: 'Ada' } } }, { current });
    assert.equal(name.kind, 'success', 'a name is not privileged');
    await assert.rejects(submitSettings(h.ctx, flow.id, { method: 'profile', traits: { email: 'ada.new@example.com' } }, { current }), SessionRefreshRequired);
  });

  test('a new password: policy checked, hash replaced, other sessions ended, this one kept', async () => {
    const h = mfaHarness();
    const { identity, issued, current } = await signedIn(h);
    await h.identities.updateIdentity({ ...identity, credentials: { password: newCredential('password', ['ada@example.com'], { hashed_password: 'x' }, h.clock.now) } });
    const other = await issueSession(h.ctx, identity, [{ method: 'password', aal: 'aal1', completed_at: '' }], DEVICE);
    const { flow } = await apiFlow(h, current);
    const weak = await submitSettings(h.ctx, flow.id, { method: 'password', password: 'password123' }, { current });
    assert.equal(weak.kind, 'invalid');
    assert.deepEqual(weak.flow.ui.nodes.find((n) => n.attributes.node_type === 'input' && n.attributes.name === 'password')?.messages.map((m) => m.id), [4000034]);
    const done = await submitSettings(h.ctx, flow.id, { method: 'password', password: NEW_PASSWORD }, { current });
    assert.equal(done.kind, 'success');
    assert.equal(done.flow.state, 'success');
    assert.deepEqual(done.flow.ui.messages?.map((m) => m.id), [1050001]);
    const stored = (await h.identities.getIdentity(identity.id))!;
    assert.match(String(stored.credentials.password?.config.hashed_password), /^\$argon2id\$/);
    assert.equal(await findSession(h.ctx, other.token), undefined, 'the other session ended (ID-11)');
    assert.ok(await findSession(h.ctx, issued.token), 'the session that changed it stays');
    const same = await submitSettings(h.ctx, flow.id, { method: 'password', password: NEW_PASSWORD }, { current: { ...current, identity: stored } });
    assert.equal(same.kind, 'invalid');
    assert.equal(same.flow.ui.nodes.find((n) => n.attributes.node_type === 'input' && n.attributes.name === 'password')?.messages[0]?.id, 4000039);
  });

  test('profile: invalid traits come back per field; the identifier change refreshes the password identifiers', async () => {
    const h = mfaHarness();
    const { identity, current } = await signedIn(h);
    await h.identities.updateIdentity({ ...identity, credentials: { password: newCredential('password', ['ada@example.com'], { hashed_password: 'x' }, h.clock.now) } });
    const fresh = { ...current, identity: (await h.identities.getIdentity(identity.id))! };
    const { flow } = await apiFlow(h, fresh);
    const bad = await submitSettings(h.ctx, flow.id, { method: 'profile', traits: { email: 'nope' } }, { current: fresh });
    assert.equal(bad.kind, 'invalid');
    const emailNode = bad.flow.ui.nodes.find((n) => n.attributes.node_type === 'input' && n.attributes.name === 'traits.email')!;
    assert.deepEqual(emailNode.messages.map((m) => m.id), [4000004]);
    const moved = await submitSettings(h.ctx, flow.id, { 'traits.email': 'Ada.New@Example.com', method: 'profile' }, { current: fresh });
    assert.equal(moved.kind, 'success');
    const stored = (await h.identities.getIdentity(identity.id))!;
    assert.deepEqual(stored.credentials.password?.identifiers, ['ada.new@example.com']);
    assert.ok(!(await h.identities.findByCredentialIdentifier('password', 'ada@example.com')), 'the old identifier no longer finds it');
  });

  test('a refused TOTP code keeps the pending secret of the form', async () => {
    const h = mfaHarness();
    const { current } = await signedIn(h);
    const { flow } = await apiFlow(h, current);
    const secretNode = (f: typeof flow) => f.ui.nodes.find((n) => n.attributes.node_type === 'text' && n.attributes.id === 'totp_secret_key')!;
    const attributes = secretNode(flow).attributes;
    assert.ok(attributes.node_type === 'text');
    const app = new TOTP({ secret: Secret.fromBase32(attributes.text.text) });
    const wrong = String((Number(app.generate({ timestamp: h.clock.now })) + 1) % 1_000_000).padStart(6, '0');
    const refused = await submitSettings(h.ctx, flow.id, { method: 'totp', totp_code: wrong }, { current });
    assert.equal(refused.kind, 'invalid');
    assert.deepEqual(secretNode(refused.flow).attributes, attributes, 'the same pending secret');
    const linked = await submitSettings(h.ctx, flow.id, { method: 'totp', totp_code: app.generate({ timestamp: h.clock.now }) }, { current });
    assert.equal(linked.kind, 'success');
    assert.ok((await h.identities.getIdentity(current.identity.id))!.credentials.totp);
  });

  test('security notices (ID-18): a replaced email tells the old address; a new second factor tells the account', async () => {
    const h = mfaHarness();
    const { current } = await signedIn(h);
    const { flow } = await apiFlow(h, current);
    const withAddress = (await submitSettings(h.ctx, flow.id, { method: 'profile', traits: { email: 'ada@example.com' } }, { current })).identity;
    assert.deepEqual(withAddress.verifiable_addresses.map((a) => a.value), ['ada@example.com']);
    assert.equal(h.mail.length, 0, 'nothing to tell when no address or factor changed');
    const moved = await submitSettings(h.ctx, flow.id, { method: 'profile', traits: { email: 'ada@new.example' } }, { current: { ...current, identity: withAddress } });
    assert.deepEqual(h.mail.map((m) => [m.template_type, m.recipient]), [['verifiable_address_changed', 'ada@example.com']]);
    assert.match(h.mail[0].body, /ada@new\.example/);
    const codes = await submitSettings(h.ctx, flow.id, { lookup_secret_regenerate: true }, { current: { ...current, identity: moved.identity } });
    await submitSettings(h.ctx, flow.id, { lookup_secret_confirm: true }, { current: { ...current, identity: codes.identity } });
    assert.deepEqual(h.mail.slice(1).map((m) => [m.template_type, m.recipient]), [['authenticator_key_added', 'ada@new.example']]);
    assert.match(h.mail[1].body, /lookup_secret/);
  });
});
