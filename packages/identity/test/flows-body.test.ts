import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FlowValidationError, normalizeBody, toWire, type UiNode } from '../src/index.ts';
import { uiAfterError } from '../src/flows/form-state.ts';
import { newFlow } from './password-fakes.ts';

describe('submitted bodies', () => {
  test('form fields with dots become nested objects, JSON stays nested, both merge', () => {
    assert.deepEqual(
      JSON.parse(JSON.stringify(normalizeBody({ 'traits.email': 'a@b.c', 'traits.name.first': 'Ada', method: 'password' }))),
      { traits: { email: 'a@b.c', name: { first: 'Ada' } }, method: 'password' },
    );
    assert.deepEqual(JSON.parse(JSON.stringify(normalizeBody({ traits: { email: 'a@b.c' } }))), { traits: { email: 'a@b.c' } });
  });

  test('names that could reach Object.prototype are dropped', () => {
    const body = normalizeBody(JSON.parse('{"__proto__": {"polluted": 1}, "traits.__proto__.polluted": 1, "a.constructor": 2, "ok": 3}'));
    assert.deepEqual(Object.keys(body), ['ok']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('non-objects give an empty body', () => {
    assert.deepEqual(Object.keys(normalizeBody('x')), []);
    assert.deepEqual(Object.keys(normalizeBody([1, 2])), []);
  });
});

describe('a refused submission', () => {
  const input = (name: string, type: 'text' | 'password' | 'hidden' | 'email'): UiNode => ({
    type: 'input', group: 'default', attributes: { node_type: 'input', name, type, disabled: false }, messages: [], meta: {},
  });

  test('keeps typed values (never passwords or hidden fields) and places the messages', () => {
    const flow = newFlow({ ui: { action: 'a', method: 'POST', nodes: [input('identifier', 'text'), input('password', 'password'), input('csrf_token', 'hidden'), input('traits.email', 'email')] } });
    const body = normalizeBody({ identifier: 'ada', password: 'secret', csrf_token: 'forged', 'traits.email': 'a@b.c' });
    const message = { id: 4000006, text: 'x', type: 'error' as const };
    const ui = uiAfterError(flow.ui, body, new FlowValidationError([message], { password: [message] }));
    const byName = Object.fromEntries(ui.nodes.map((n) => [(n.attributes as { name: string }).name, n]));
    assert.equal((byName.identifier.attributes as { value?: unknown }).value, 'ada');
    assert.equal((byName['traits.email'].attributes as { value?: unknown }).value, 'a@b.c');
    assert.equal((byName.password.attributes as { value?: unknown }).value, undefined);
    assert.equal((byName.csrf_token.attributes as { value?: unknown }).value, undefined);
    assert.deepEqual(byName.password.messages, [message]);
    assert.deepEqual(ui.messages, [message]);
  });

  test('a message for a field the form does not draw lands on the flow', () => {
    const flow = newFlow({ ui: { action: 'a', method: 'POST', nodes: [input('traits.email', 'email')] } });
    const message = { id: 4000001, text: 'Property foo is not allowed.', type: 'error' as const };
    const ui = uiAfterError(flow.ui, normalizeBody({}), new FlowValidationError([], { 'traits.foo': [message] }));
    assert.deepEqual(ui.messages, [message]);
    assert.deepEqual(ui.nodes[0].messages, []);
  });

  test('the wire form never carries `internal`', () => {
    const wire = toWire(newFlow({ internal: { csrfToken: 'secret-token', attempts: 3, oauth2LoginRequest: { challenge: 'c' } }, oauth2LoginChallenge: 'c' }));
    assert.equal('internal' in wire, false);
    assert.equal(JSON.stringify(wire).includes('secret-token'), false);
    assert.deepEqual(wire.oauth2_login_request, { challenge: 'c' });
  });
});
