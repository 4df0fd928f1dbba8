import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { messages } from '../src/ui/messages.ts';
import type { MessageName } from '../src/ui/messages.ts';
import { anchorNode, csrfNode, identifierNode, imageNode, inputNode, submitNode, textNode, withNodeMessages, withValues } from '../src/ui/nodes.ts';
import type { UiText } from '../src/index.ts';

const NOW = Date.parse('2030-01-01T01:00:00Z');
const SAMPLE_ARGS: Partial<Record<MessageName, unknown[]>> = {
  loginFlowExpired: [NOW - 5 * 60_000, NOW], registrationFlowExpired: [NOW, NOW], settingsFlowExpired: [NOW, NOW],
  recoveryFlowExpired: [NOW, NOW], verificationFlowExpired: [NOW, NOW], lookupSecretList: [['a1', 'b2']],
  minLength: [3, 1], maxLength: [3, 5], passwordMinLength: [8, 7], passwordMaxLength: [1024, 2000],
};
const call = (name: MessageName): UiText =>
  (messages[name] as (...args: unknown[]) => UiText)(...(SAMPLE_ARGS[name] ?? ['sample', 'other']));
const all = (Object.keys(messages) as MessageName[]).map((name) => ({ name, text: call(name) }));

describe('message catalog', () => {
  test('every message has a distinct Kratos id in a known range, a type and a text', () => {
    const ids = all.map((m) => m.text.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (const { name, text } of all) {
      assert.ok(/^(10[1-8]0|40[0-7]0|5000)\d{3}$/.test(String(text.id)), `${name}: ${text.id}`);
      assert.ok(text.text.length > 0, name);
      const isError = text.id >= 4_000_000;
      assert.ok(isError ? text.type === 'error' : text.type === 'info' || text.type === 'success', `${name}: ${text.type}`);
    }
  });

  test('the ids flows and renderers rely on', () => {
    const expect: Array<[UiText, number, string | undefined]> = [
      [messages.signIn(), 1010001, 'Sign in'], [messages.confirmItIsYou(), 1010003, undefined],
      [messages.signInWithPassword(), 1010022, undefined], [messages.signUp(), 1040001, 'Sign up'],
      [messages.passwordLabel(), 1070001, 'Password'], [messages.identifierLabel(), 1070004, 'ID'],
      [messages.emailLabel(), 1070007, 'E-Mail'], [messages.continueLabel(), 1070009, 'Continue'],
      [messages.invalidCredentials(), 4000006, undefined], [messages.duplicateCredentials(), 4000007, undefined],
      [messages.totpInvalid(), 4000008, undefined], [messages.identityDisabled(), 4010011, undefined],
      [messages.passwordTooSimilar(), 4000031, undefined], [messages.passwordCommon(), 4000034, undefined],
    ];
    for (const [text, id, english] of expect) {
      assert.equal(text.id, id);
      if (english) assert.equal(text.text, english);
    }
  });

  test('texts with variables carry them in context for translation', () => {
    assert.deepEqual(messages.required('identifier'),
      { id: 4000002, text: 'Property identifier is missing.', type: 'error', context: { property: 'identifier' } });
    assert.deepEqual(messages.generatedLabel('First name'), { id: 1070002, text: 'First name', type: 'info', context: { title: 'First name' } });
    assert.deepEqual(messages.passwordPolicy('it repeats a single character').context, { reason: 'it repeats a single character' });
    const expired = messages.loginFlowExpired(NOW - 5 * 60_000, NOW);
    assert.equal(expired.id, 4010001);
    assert.match(expired.text, /5 minutes ago/);
    assert.deepEqual(expired.context, { expired_at: '2030-01-01T00:55:00.000Z', expired_at_unix: (NOW - 5 * 60_000) / 1000 });
  });

  test('each call returns a fresh object', () => {
    const first = messages.invalidCredentials();
    first.text = 'changed';
    assert.notEqual(messages.invalidCredentials().text, 'changed');
  });
});

describe('node builders', () => {
  test('csrf_token is a required hidden input in group default', () => {
    assert.deepEqual(csrfNode('tok'), {
      type: 'input', group: 'default',
      attributes: { name: 'csrf_token', type: 'hidden', disabled: false, node_type: 'input', value: 'tok', required: true },
      messages: [], meta: {},
    });
  });

  test('submit buttons are named method and labelled in meta', () => {
    const node = submitNode('password', 'password', messages.signIn());
    assert.deepEqual(node.attributes, { name: 'method', type: 'submit', disabled: false, node_type: 'input', value: 'password' });
    assert.deepEqual(node.meta, { label: messages.signIn() });
    assert.equal((submitNode('totp', 'totp', messages.signIn(), 'action').attributes as { name: string }).name, 'action');
  });

  test('text, img and a nodes have their attribute variants', () => {
    assert.deepEqual(textNode('totp', 'totp_secret_key', messages.totpSecret('ABC')).attributes,
      { node_type: 'text', id: 'totp_secret_key', text: messages.totpSecret('ABC') });
    assert.deepEqual(imageNode('totp', 'totp_qr', 'data:image/png;base64,AA', 256, 256, messages.totpQrCode()),
      { type: 'img', group: 'totp', attributes: { node_type: 'img', id: 'totp_qr', src: 'data:image/png;base64,AA', width: 256, height: 256 },
        messages: [], meta: { label: messages.totpQrCode() } });
    assert.equal(anchorNode('link', 'back', '/x', messages.continueLabel()).attributes.node_type, 'a');
  });

  test('messages attach by node name and replace older ones', () => {
    const nodes = [identifierNode('x'), inputNode('password', 'password', 'password'), csrfNode('t')];
    nodes[2].messages.push(messages.generic('old'));
    const out = withNodeMessages(nodes, { password: [messages.required('password')] });
    assert.deepEqual(out.map((n) => n.messages.map((m) => m.id)), [[], [4000002], []]);
    assert.equal(nodes[1].messages.length, 0, 'the input nodes are not mutated');
  });

  test('values are echoed into inputs but never into password fields', () => {
    const nodes = [identifierNode(), inputNode('password', 'password', 'password')];
    const out = withValues(nodes, { identifier: 'a@b.c', password: 'secret' });
    assert.deepEqual(out.map((n) => (n.attributes as { value?: unknown }).value), ['a@b.c', undefined]);
  });
});
