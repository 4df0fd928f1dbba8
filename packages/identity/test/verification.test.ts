import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  SelfServiceFlowDisabled, createVerificationFlow, getVerificationFlow, sendVerificationAfterRegistration, submitVerification, type Identity,
} from '../src/index.ts';
import { codeHarness, type CodeHarness } from './codes-fakes.ts';
import { codeCredential, newFlow, newIdentity } from './password-fakes.ts';

const DEVICE = { ipAddress: '198.51.100.7', userAgent: 'test-agent/1.0' };
const REQUEST_URL = 'http://127.0.0.1:4444/self-service/verification/api';
const withoutVerification = () =>
  codeHarness((c) => ({ ...c, selfservice: { ...c.selfservice, flows: { ...c.selfservice.flows, verification: { ...c.selfservice.flows.verification, enabled: false } } } }));

const withAddresses = async (h: CodeHarness, ...emails: string[]) => {
  const at = '2030-01-01T00:00:00.000Z';
  const identity: Identity = {
    ...newIdentity(emails[0]!),
    credentials: { code: codeCredential(emails) },
    verifiable_addresses: emails.map((value, i) => ({ id: `v${i}`, value, verified: false, via: 'email' as const, status: 'pending' as const, verified_at: null, created_at: at, updated_at: at })),
  };
  await h.identities.createIdentity(identity);
  return identity;
};

describe('verification flow rules', () => {
  test('disabled verification refuses the flow and sends nothing after registration', async () => {
    const h = withoutVerification();
    await assert.rejects(createVerificationFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL }), SelfServiceFlowDisabled);
    await assert.rejects(getVerificationFlow(h.ctx, 'x', undefined), SelfServiceFlowDisabled);
    await assert.rejects(submitVerification(h.ctx, 'x', {}, { device: DEVICE }), SelfServiceFlowDisabled);
    const identity = await withAddresses(h, 'ada@example.com');
    const sent = await sendVerificationAfterRegistration(h.ctx, newFlow({ kind: 'registration' }), identity, undefined);
    assert.deepEqual(sent, { identity, continueWith: [] });
    assert.equal(h.mails.length, 0);
  });

  test('after registration every unverified address gets its own flow and code, and is marked sent', async () => {
    const h = codeHarness();
    const identity = await withAddresses(h, 'ada@example.com', 'ada@work.example');
    const sent = await sendVerificationAfterRegistration(h.ctx, newFlow({ kind: 'registration', type: 'browser' }), identity, 'browser-secret');
    assert.deepEqual(sent.continueWith.map((c) => c.action === 'show_verification_ui' && c.flow.verifiable_address), ['ada@example.com', 'ada@work.example']);
    assert.deepEqual(sent.identity.verifiable_addresses.map((a) => a.status), ['sent', 'sent']);
    assert.deepEqual((await h.identities.getIdentity(identity.id))?.verifiable_addresses.map((a) => a.status), ['sent', 'sent']);
    const second = sent.continueWith[1]!;
    assert.ok(second.action === 'show_verification_ui');
    const flow = (await h.flows.getFlow(second.flow.id))!;
    assert.equal(flow.type, 'browser');
    assert.equal(flow.state, 'sent_email');
    const code = await h.lastCode('ada@work.example');
    const done = await submitVerification(h.ctx, flow.id, { method: 'code', code, csrf_token: flow.internal.csrfToken }, {
      device: DEVICE, csrfCookie: 'browser-secret', csrfToken: flow.internal.csrfToken,
    });
    assert.equal(done.flow.state, 'passed_challenge');
    assert.deepEqual((await h.identities.getIdentity(identity.id))?.verifiable_addresses.map((a) => a.verified), [false, true]);
  });

  test('a verified address links onwards to return_to', async () => {
    const h = codeHarness();
    await withAddresses(h, 'ada@example.com');
    const flow = await createVerificationFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL, returnTo: '/welcome' });
    await submitVerification(h.ctx, flow.id, { method: 'code', email: 'ada@example.com' }, { device: DEVICE });
    const done = await submitVerification(h.ctx, flow.id, { method: 'code', code: await h.lastCode('ada@example.com') }, { device: DEVICE });
    assert.equal(done.status, 200);
    const link = done.flow.ui.nodes.find((n) => n.attributes.node_type === 'a');
    assert.equal(link?.attributes.node_type === 'a' && link.attributes.href, 'http://127.0.0.1:4444/welcome');
  });
});
