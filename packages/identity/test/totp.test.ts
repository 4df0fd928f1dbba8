/**
 * TOTP (RFC 6238; docs/security.md ID-14): codes of the current step and one step either side,
 * nothing further; each step once, also under concurrency; the secret only sealed; setup and
 * removal in settings.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { FlowValidationError, newCredential, totpLogin, totpSettings, type Identity, type UiNode } from '../src/index.ts';
import { matchingStep, newTotp, openTotp, sealTotp } from '../src/strategies/totp/secret.ts';
import { newFlow } from './password-fakes.ts';
import { mfaHarness, privilegeSpy, signedIn, type MfaHarness } from './settings-fakes.ts';

const STEP = 30_000;
const aal2Flow = () => newFlow({ requestedAal: 'aal2' });

const refusedWith = async (call: Promise<unknown>, id: number, node?: string): Promise<void> => {
  await assert.rejects(call, (err: unknown) => {
    assert.ok(err instanceof FlowValidationError, String(err));
    const texts = node ? err.nodeMessages[node] ?? [] : err.messages;
    assert.deepEqual(texts.map((m) => m.id), [id]);
    return true;
  });
};

/** An identity with a TOTP credential and the authenticator app that knows its secret. */
const withAuthenticator = async (h: MfaHarness) => {
  const { identity, current } = await signedIn(h);
  const totp = newTotp(h.ctx, identity);
  const withTotp: Identity = {
    ...identity, credentials: { ...identity.credentials, totp: newCredential('totp', [identity.id], { totp_url: sealTotp(h.ctx, totp) }, h.clock.now) },
  };
  await h.identities.updateIdentity(withTotp);
  return { identity: withTotp, current, totp };
};

const nodeIds = (nodes: UiNode[]): string[] =>
  nodes.map((n) => (n.attributes.node_type === 'input' ? n.attributes.name : n.attributes.id));

describe('TOTP codes (RFC 6238, ID-14)', () => {
  const totp = new TOTP({ secret: new Secret({ size: 20 }), algorithm: 'SHA1', digits: 6, period: 30 });
  const now = Date.parse('2030-01-02T03:04:05Z');
  const codeAt = (offsetSteps: number) => totp.generate({ timestamp: now + offsetSteps * STEP });
  const step = Math.floor(now / STEP);

  test('the current step and one step either side match, with their step numbers', () => {
    assert.equal(matchingStep(totp, codeAt(0), now), step);
    assert.equal(matchingStep(totp, codeAt(-1), now), step - 1);
    assert.equal(matchingStep(totp, codeAt(1), now), step + 1);
    assert.equal(matchingStep(totp, ` ${codeAt(0).slice(0, 3)} ${codeAt(0).slice(3)} `, now), step, 'spaces as apps show them');
  });

  test('two steps away, malformed or wrong codes match nothing', () => {
    assert.equal(matchingStep(totp, codeAt(-2), now), undefined);
    assert.equal(matchingStep(totp, codeAt(2), now), undefined);
    assert.equal(matchingStep(totp, 'abcdef', now), undefined);
    assert.equal(matchingStep(totp, `${codeAt(0)}0`, now), undefined);
  });

  test('the otpauth URL is stored sealed: no secret in it, altered values do not open', () => {
    const h = mfaHarness();
    const sealed = sealTotp(h.ctx, totp);
    assert.ok(!sealed.includes(totp.secret.base32) && !sealed.startsWith('otpauth:'));
    assert.equal(openTotp(h.ctx, sealed)?.secret.base32, totp.secret.base32);
    // Alter a character inside the sealed value for sure (replacing the tail with "AA" was a no-op when it already decoded so).
    const at = Math.floor(sealed.length / 2);
    const altered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    assert.equal(openTotp(h.ctx, altered), undefined);
    assert.equal(openTotp(h.ctx, 42), undefined);
    assert.equal(openTotp(mfaHarness(undefined, ['another-system-secret-of-length-0002']).ctx, sealed), undefined);
  });

  test('new secrets are 160 bits, SHA-1, 6 digits, 30 s, labelled with the issuer and the account name', async () => {
    const h = mfaHarness();
    const { identity } = await signedIn(h, 'grace@example.com');
    const fresh = newTotp(h.ctx, identity);
    assert.equal(fresh.secret.bytes.length, 20);
    assert.match(fresh.toString(), /^otpauth:\/\/totp\/.+grace%40example\.com\?.*algorithm=SHA1&digits=6&period=30/);
    assert.equal(fresh.issuer, h.ctx.config.selfservice.methods.totp.issuer);
  });
});

describe('TOTP login at aal2', () => {
  test('offered only at aal2 and only to identities with an authenticator app', async () => {
    const h = mfaHarness();
    const { identity } = await withAuthenticator(h);
    assert.deepEqual(totpLogin.loginNodes(aal2Flow(), 'aal1', identity), []);
    assert.deepEqual(nodeIds(totpLogin.loginNodes(aal2Flow(), 'aal2', identity)), ['totp_code', 'method']);
    assert.deepEqual(totpLogin.loginNodes(aal2Flow(), 'aal2', { ...identity, credentials: {} }), []);
  });

  test('a valid code completes aal2 and records its step; the same code is refused afterwards (4000008)', async () => {
    const h = mfaHarness();
    const { identity, totp } = await withAuthenticator(h);
    const code = totp.generate({ timestamp: h.clock.now });
    const result = await totpLogin.login(h.ctx, aal2Flow(), { totp_code: code }, identity);
    assert.deepEqual([result.method, result.aal], ['totp', 'aal2']);
    const stored = (await h.identities.getIdentity(identity.id))!;
    assert.equal(stored.credentials.totp?.config.last_used_step, Math.floor(h.clock.now / STEP));
    await refusedWith(totpLogin.login(h.ctx, aal2Flow(), { totp_code: code }, stored), 4000008);
    h.clock.now += STEP;
    await refusedWith(totpLogin.login(h.ctx, aal2Flow(), { totp_code: code }, stored), 4000008);
  });

  test('an earlier step is refused once a later one was used', async () => {
    const h = mfaHarness();
    const { identity, totp } = await withAuthenticator(h);
    await totpLogin.login(h.ctx, aal2Flow(), { totp_code: totp.generate({ timestamp: h.clock.now + STEP }) }, identity);
    const stored = (await h.identities.getIdentity(identity.id))!;
    await refusedWith(totpLogin.login(h.ctx, aal2Flow(), { totp_code: totp.generate({ timestamp: h.clock.now }) }, stored), 4000008);
  });

  test('two concurrent submissions of one code: exactly one wins', async () => {
    const h = mfaHarness();
    const { identity, totp } = await withAuthenticator(h);
    const code = totp.generate({ timestamp: h.clock.now });
    const results = await Promise.allSettled([1, 2].map(() => totpLogin.login(h.ctx, aal2Flow(), { totp_code: code }, identity)));
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  });

  test('a missing code, no authenticator app, or no session identity are refused with their messages', async () => {
    const h = mfaHarness();
    const { identity } = await withAuthenticator(h);
    await refusedWith(totpLogin.login(h.ctx, aal2Flow(), {}, identity), 4000002, 'totp_code');
    await refusedWith(totpLogin.login(h.ctx, aal2Flow(), { totp_code: '123456' }, { ...identity, credentials: {} }), 4000011);
    await refusedWith(totpLogin.login(h.ctx, aal2Flow(), { totp_code: '123456' }), 4010002);
  });
});

describe('TOTP in settings', () => {
  const pendingSecret = (nodes: UiNode[]): string => {
    const node = nodes.find((n) => n.attributes.node_type === 'text' && n.attributes.id === 'totp_secret_key');
    assert.ok(node && node.attributes.node_type === 'text');
    return node.attributes.text.text;
  };

  test('without an authenticator app: QR code, secret and code field; the pending secret survives re-rendering', async () => {
    const h = mfaHarness();
    const { identity } = await signedIn(h);
    const form = await totpSettings.settingsForm(h.ctx, identity, undefined);
    assert.deepEqual(nodeIds(form.nodes), ['totp_qr', 'totp_secret_key', 'totp_code', 'method']);
    const qr = form.nodes[0].attributes;
    assert.ok(qr.node_type === 'img' && qr.src.startsWith('data:image/png;base64,') && qr.width === 256);
    assert.ok(typeof form.state?.pending === 'string' && !String(form.state.pending).includes(pendingSecret(form.nodes)), 'sealed in the state');
    const again = await totpSettings.settingsForm(h.ctx, identity, form.state);
    assert.equal(pendingSecret(again.nodes), pendingSecret(form.nodes));
  });

  test('a valid code of the pending secret links it (privileged), counting its step as used', async () => {
    const h = mfaHarness();
    const { identity } = await signedIn(h);
    const form = await totpSettings.settingsForm(h.ctx, identity, undefined);
    const app = new TOTP({ secret: Secret.fromBase32(pendingSecret(form.nodes)) });
    const flow = newFlow({ kind: 'settings' });
    const privileged = privilegeSpy();
    const code = app.generate({ timestamp: h.clock.now });
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await refusedWith(totpSettings.updateSettings(h.ctx, flow, { totp_code: wrong }, identity, form.state, privileged), 4000008, 'totp_code');
    const change = await totpSettings.updateSettings(h.ctx, flow, { method: 'totp', totp_code: code }, identity, form.state, privileged);
    assert.ok(privileged.calls >= 1);
    assert.equal(change.credentialsChanged, true);
    assert.equal(change.state, undefined, 'the pending secret is gone');
    const credential = change.identity!.credentials.totp!;
    assert.deepEqual(credential.identifiers, [identity.id]);
    assert.equal(openTotp(h.ctx, credential.config.totp_url)?.secret.base32, pendingSecret(form.nodes));
    await h.identities.updateIdentity(change.identity!);
    await refusedWith(totpLogin.login(h.ctx, aal2Flow(), { totp_code: code }, change.identity!), 4000008);
    assert.deepEqual(nodeIds((await totpSettings.settingsForm(h.ctx, change.identity!, undefined)).nodes), ['totp_unlink']);
  });

  test('a stale session cannot link or unlink: the privilege check runs before any change', async () => {
    const h = mfaHarness();
    const stale = () => { throw new Error('refresh required'); };
    const newcomer = (await signedIn(h, 'new@example.com')).identity;
    const form = await totpSettings.settingsForm(h.ctx, newcomer, undefined);
    const app = new TOTP({ secret: Secret.fromBase32(pendingSecret(form.nodes)) });
    const code = app.generate({ timestamp: h.clock.now });
    await assert.rejects(totpSettings.updateSettings(h.ctx, newFlow({ kind: 'settings' }), { totp_code: code }, newcomer, form.state, stale), /refresh required/);
    const { identity } = await withAuthenticator(h);
    await assert.rejects(totpSettings.updateSettings(h.ctx, newFlow({ kind: 'settings' }), { totp_unlink: 'true' }, identity, undefined, stale), /refresh required/);
    assert.ok((await h.identities.getIdentity(identity.id))!.credentials.totp, 'still linked');
  });

  test('unlink removes the credential; without one it is refused (4000011)', async () => {
    const h = mfaHarness();
    const { identity } = await withAuthenticator(h);
    const change = await totpSettings.updateSettings(h.ctx, newFlow({ kind: 'settings' }), { totp_unlink: true }, identity, undefined, privilegeSpy());
    assert.equal(change.identity!.credentials.totp, undefined);
    assert.equal(change.credentialsChanged, true);
    await refusedWith(totpSettings.updateSettings(h.ctx, newFlow({ kind: 'settings' }), { totp_unlink: true }, change.identity!, undefined, privilegeSpy()), 4000011);
  });

  test('disabled in config: no nodes, no updates', async () => {
    const h = mfaHarness((c) => ({ ...c, selfservice: { ...c.selfservice, methods: { ...c.selfservice.methods, totp: { ...c.selfservice.methods.totp, enabled: false } } } }));
    const { identity } = await signedIn(h);
    assert.deepEqual((await totpSettings.settingsForm(h.ctx, identity, undefined)).nodes, []);
    await refusedWith(totpSettings.updateSettings(h.ctx, newFlow({ kind: 'settings' }), { totp_code: '123456' }, identity, undefined, privilegeSpy()), 4010004);
  });
});
