/**
 * Recovery codes (Kratos' lookup secrets; docs/security.md ID-16 single use): generated in
 * settings, shown once, saved only as keyed hashes, each usable once at aal2 — also under
 * concurrency and after a rotation of the system secrets.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FlowValidationError, lookupSecretLogin, lookupSecretSettings, type Identity, type UiNode, type UiText } from '../src/index.ts';
import { newLookupCodes, normalizeLookupCode } from '../src/strategies/lookup-secret/codes.ts';
import { newFlow } from './password-fakes.ts';
import { mfaHarness, privilegeSpy, signedIn, type MfaHarness } from './settings-fakes.ts';

const settingsFlow = () => newFlow({ kind: 'settings' });
const aal2Flow = () => newFlow({ requestedAal: 'aal2' });

const refusedWith = async (call: Promise<unknown>, id: number, node?: string): Promise<void> => {
  await assert.rejects(call, (err: unknown) => {
    assert.ok(err instanceof FlowValidationError, String(err));
    assert.deepEqual((node ? err.nodeMessages[node] ?? [] : err.messages).map((m) => m.id), [id]);
    return true;
  });
};

const names = (nodes: UiNode[]): string[] => nodes.map((n) => (n.attributes.node_type === 'input' ? n.attributes.name : n.attributes.id));

/** The code list node's entries (Kratos: context.secrets, one UiText per code). */
const listed = (nodes: UiNode[]): UiText[] => {
  const node = nodes.find((n) => n.attributes.node_type === 'text' && n.attributes.id === 'lookup_secret_codes');
  assert.ok(node && node.attributes.node_type === 'text', 'a code list is shown');
  return (node.attributes.text.context as { secrets: UiText[] }).secrets;
};

/** Regenerates and confirms through the settings method, as a person would; returns the codes and the stored identity. */
const savedCodes = async (h: MfaHarness, identity: Identity) => {
  const generated = await lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { lookup_secret_regenerate: 'true' }, identity, undefined, privilegeSpy());
  const codes = listed((await lookupSecretSettings.settingsForm(h.ctx, identity, generated.state)).nodes).map((t) => t.text);
  const confirmed = await lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { lookup_secret_confirm: true }, identity, generated.state, privilegeSpy());
  await h.identities.updateIdentity(confirmed.identity!);
  return { codes, identity: confirmed.identity! };
};

describe('recovery codes', () => {
  test('12 distinct codes of 8 base32 characters (40 bits each); typing is forgiving', () => {
    const codes = newLookupCodes();
    assert.equal(codes.length, 12);
    assert.equal(new Set(codes).size, 12);
    for (const code of codes) assert.match(code, /^[a-z2-7]{8}$/);
    assert.equal(normalizeLookupCode(' ABCD-EF 23 '), 'abcdef23');
  });

  test('settings: regenerate shows new codes once with a confirm button; confirm saves their hashes only', async () => {
    const h = mfaHarness();
    const { identity } = await signedIn(h);
    assert.deepEqual(names((await lookupSecretSettings.settingsForm(h.ctx, identity, undefined)).nodes), ['lookup_secret_regenerate']);
    const privileged = privilegeSpy();
    const generated = await lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { method: 'lookup_secret', lookup_secret_regenerate: true }, identity, undefined, privileged);
    assert.equal(generated.identity, undefined, 'nothing is saved before confirmation');
    const form = await lookupSecretSettings.settingsForm(h.ctx, identity, generated.state);
    assert.deepEqual(names(form.nodes), ['lookup_secret_codes', 'lookup_secret_confirm']);
    const codes = listed(form.nodes).map((t) => t.text);
    assert.ok(!JSON.stringify(generated.state).includes(codes[0]), 'pending codes are sealed in the flow state');

    const confirmed = await lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { lookup_secret_confirm: 'true' }, identity, generated.state, privileged);
    assert.equal(privileged.calls, 2);
    assert.equal(confirmed.credentialsChanged, true);
    const config = confirmed.identity!.credentials.lookup_secret!.config;
    assert.equal((config.recovery_codes as unknown[]).length, 12);
    for (const code of codes) assert.ok(!JSON.stringify(config).includes(code), 'no code in clear');
    const after = await lookupSecretSettings.settingsForm(h.ctx, confirmed.identity!, confirmed.state);
    assert.deepEqual(names(after.nodes), ['lookup_secret_reveal', 'lookup_secret_regenerate', 'lookup_secret_disable']);
  });

  test('confirm without generated codes, reveal or disable without saved ones, and no action are refused', async () => {
    const h = mfaHarness();
    const { identity } = await signedIn(h);
    await refusedWith(lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { lookup_secret_confirm: true }, identity, undefined, privilegeSpy()), 4000001);
    await refusedWith(lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { lookup_secret_reveal: true }, identity, undefined, privilegeSpy()), 4000014);
    await refusedWith(lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { lookup_secret_disable: true }, identity, undefined, privilegeSpy()), 4000014);
    await refusedWith(lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { method: 'lookup_secret' }, identity, undefined, privilegeSpy()), 4010004);
  });

  test('every action needs a recent login', async () => {
    const h = mfaHarness();
    const { identity } = await signedIn(h);
    const stale = () => { throw new Error('refresh required'); };
    for (const action of ['lookup_secret_regenerate', 'lookup_secret_confirm', 'lookup_secret_reveal', 'lookup_secret_disable']) {
      await assert.rejects(lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { [action]: true }, identity, { pending: 'x' }, stale), /refresh required/, action);
    }
  });

  test('login: a code gives aal2 once; reused → 4000012, unknown → 4000016; reveal shows which were used', async () => {
    const h = mfaHarness();
    const { codes, identity } = await savedCodes(h, (await signedIn(h)).identity);
    assert.deepEqual(names(lookupSecretLogin.loginNodes(aal2Flow(), 'aal2', identity)), ['lookup_secret', 'method']);
    assert.deepEqual(lookupSecretLogin.loginNodes(aal2Flow(), 'aal1', identity), []);
    const result = await lookupSecretLogin.login(h.ctx, aal2Flow(), { lookup_secret: codes[5].toUpperCase() }, identity);
    assert.deepEqual([result.method, result.aal], ['lookup_secret', 'aal2']);
    const stored = (await h.identities.getIdentity(identity.id))!;
    await refusedWith(lookupSecretLogin.login(h.ctx, aal2Flow(), { lookup_secret: codes[5] }, stored), 4000012);
    await refusedWith(lookupSecretLogin.login(h.ctx, aal2Flow(), { lookup_secret: 'zzzzzzzz' }, stored), 4000016);
    await refusedWith(lookupSecretLogin.login(h.ctx, aal2Flow(), {}, stored), 4000002, 'lookup_secret');
    await refusedWith(lookupSecretLogin.login(h.ctx, aal2Flow(), { lookup_secret: codes[0] }, { ...stored, credentials: {} }), 4000014);
    assert.ok(await lookupSecretLogin.login(h.ctx, aal2Flow(), { lookup_secret: codes[6] }, stored), 'other codes still work');

    const revealed = await lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { lookup_secret_reveal: true }, stored, undefined, privilegeSpy());
    const entries = listed((await lookupSecretSettings.settingsForm(h.ctx, (await h.identities.getIdentity(identity.id))!, revealed.state)).nodes);
    assert.deepEqual(entries.map((e) => e.id).filter((id) => id === 1050014).length, 2);
    assert.ok(!entries.some((e) => codes.includes(e.text)), 'saved codes are never shown again');
  });

  test('two concurrent submissions of one code: exactly one wins', async () => {
    const h = mfaHarness();
    const { codes, identity } = await savedCodes(h, (await signedIn(h)).identity);
    const results = await Promise.allSettled([1, 2].map(() => lookupSecretLogin.login(h.ctx, aal2Flow(), { lookup_secret: codes[0] }, identity)));
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  });

  test('codes saved under an earlier system secret still work after a rotation', async () => {
    const old = mfaHarness(undefined, ['the-first-system-secret-000000001']);
    const { codes, identity } = await savedCodes(old, (await signedIn(old)).identity);
    const rotated = mfaHarness(undefined, ['the-second-system-secret-00000002', 'the-first-system-secret-000000001']);
    await rotated.identities.createIdentity(identity);
    const result = await lookupSecretLogin.login(rotated.ctx, aal2Flow(), { lookup_secret: codes[1] }, identity);
    assert.equal(result.aal, 'aal2');
  });

  test('disable removes the codes', async () => {
    const h = mfaHarness();
    const { identity } = await savedCodes(h, (await signedIn(h)).identity);
    const change = await lookupSecretSettings.updateSettings(h.ctx, settingsFlow(), { lookup_secret_disable: true }, identity, undefined, privilegeSpy());
    assert.equal(change.identity!.credentials.lookup_secret, undefined);
    assert.equal(change.credentialsChanged, true);
  });
});
