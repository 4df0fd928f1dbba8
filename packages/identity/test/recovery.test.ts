import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  FlowNotFound, IdentityDisabled, SecurityCsrfViolation, SelfServiceFlowDisabled, SelfServiceFlowExpired, SessionAlreadyAvailable,
  createRecoveryCodeForIdentity, createRecoveryFlow, getRecoveryFlow, issueSession, submitRecovery, type Identity,
} from '../src/index.ts';
import { codeHarness, type CodeHarness } from './codes-fakes.ts';
import { codeCredential, newIdentity } from './password-fakes.ts';

const DEVICE = { ipAddress: '198.51.100.7', userAgent: 'test-agent/1.0' };
const REQUEST_URL = 'http://127.0.0.1:4444/self-service/recovery/api';
const disabled = codeHarness((c) => ({ ...c, selfservice: { ...c.selfservice, flows: { ...c.selfservice.flows, recovery: { ...c.selfservice.flows.recovery, enabled: false } } } }));

const withAccount = async (h: CodeHarness, email = 'ada@example.com', state: Identity['state'] = 'active') => {
  const at = '2030-01-01T00:00:00.000Z';
  const identity: Identity = {
    ...newIdentity(email, state),
    credentials: { code: codeCredential([email]) },
    recovery_addresses: [{ id: 'r1', value: email, via: 'email', created_at: at, updated_at: at }],
    verifiable_addresses: [{ id: 'v1', value: email, verified: false, via: 'email', status: 'pending', verified_at: null, created_at: at, updated_at: at }],
  };
  await h.identities.createIdentity(identity);
  return identity;
};

const submit = (h: CodeHarness, flowId: string, body: Record<string, unknown>) => submitRecovery(h.ctx, flowId, body, { device: DEVICE });

const messageIds = (outcome: { flow: { ui: { messages?: Array<{ id: number }> } } }) => (outcome.flow.ui.messages ?? []).map((m) => m.id);

describe('recovery flow rules', () => {
  test('disabled recovery refuses creating, reading, submitting and admin codes with self_service_flow_disabled', async () => {
    await assert.rejects(createRecoveryFlow(disabled.ctx, { type: 'api', requestUrl: REQUEST_URL }), SelfServiceFlowDisabled);
    await assert.rejects(getRecoveryFlow(disabled.ctx, 'x', undefined), SelfServiceFlowDisabled);
    await assert.rejects(submitRecovery(disabled.ctx, 'x', {}, { device: DEVICE }), SelfServiceFlowDisabled);
    await assert.rejects(createRecoveryCodeForIdentity(disabled.ctx, { identity_id: 'x' }), SelfServiceFlowDisabled);
  });

  test('a request that already has a session cannot start recovery', async () => {
    const h = codeHarness();
    const identity = await withAccount(h);
    const issued = await issueSession(h.ctx, identity, [{ method: 'password', aal: 'aal1', completed_at: '2030-01-01T00:00:00.000Z' }], DEVICE);
    await assert.rejects(createRecoveryFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL, current: { session: issued.session, identity } }), SessionAlreadyAvailable);
  });

  test('a browser flow needs its CSRF token', async () => {
    const h = codeHarness();
    const flow = await createRecoveryFlow(h.ctx, { type: 'browser', requestUrl: REQUEST_URL, csrfSecret: 'browser-secret' });
    await assert.rejects(submitRecovery(h.ctx, flow.id, { method: 'code', email: 'ada@example.com' }, { device: DEVICE, csrfCookie: 'browser-secret' }), SecurityCsrfViolation);
    const ok = await submitRecovery(h.ctx, flow.id, { method: 'code', email: 'ada@example.com' }, {
      device: DEVICE, csrfCookie: 'browser-secret', csrfToken: flow.internal.csrfToken,
    });
    assert.equal(ok.kind === 'flow' && ok.status, 200);
  });

  test('refused input: another method 4010005, no address 4000002, a malformed address 4000004', async () => {
    const h = codeHarness();
    const flow = await createRecoveryFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL });
    assert.deepEqual(messageIds(await submit(h, flow.id, { method: 'link', email: 'ada@example.com' })), [4010005]);
    const nodeIds = async (body: Record<string, unknown>) => {
      const out = await submit(h, flow.id, body);
      assert.equal(out.kind === 'flow' && out.status, 400);
      return out.flow.ui.nodes.find((n) => n.attributes.node_type === 'input' && n.attributes.name === 'email')!.messages.map((m) => m.id);
    };
    assert.deepEqual(await nodeIds({ method: 'code' }), [4000002]);
    assert.deepEqual(await nodeIds({ method: 'code', email: 'not an address' }), [4000004]);
    assert.equal(h.mails.length, 0);
  });

  test('an expired flow answers 410 with a successor that asks for the address again', async () => {
    const h = codeHarness();
    const flow = await createRecoveryFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL });
    h.clock.now = flow.expiresAt;
    const err = await submit(h, flow.id, { method: 'code', email: 'ada@example.com' }).then(() => assert.fail('expected 410'), (e: unknown) => e);
    assert.ok(err instanceof SelfServiceFlowExpired);
    const successor = (await h.flows.getFlow(String(err.extra.use_flow_id)))!;
    assert.equal(successor.state, 'choose_method');
    assert.deepEqual(successor.ui.messages?.map((m) => m.id), [4060005]);
  });

  test('addresses are matched case-insensitively; a disabled identity gets no mail', async () => {
    const h = codeHarness();
    await withAccount(h, 'ada@example.com');
    await withAccount(h, 'bob@example.com', 'inactive');
    const flow = await createRecoveryFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL });
    await submit(h, flow.id, { method: 'code', email: '  Ada@Example.COM ' });
    assert.match((await h.lastCode('ada@example.com')) ?? '', /^\d{6}$/);
    const other = await createRecoveryFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL });
    await submit(h, other.id, { method: 'code', email: 'bob@example.com' });
    assert.equal(await h.lastCode('bob@example.com'), undefined);
  });

  test('the recovered session is aal1 with method code, and ends the session the request had', async () => {
    const h = codeHarness();
    const identity = await withAccount(h);
    const flow = await createRecoveryFlow(h.ctx, { type: 'api', requestUrl: REQUEST_URL });
    await submit(h, flow.id, { method: 'code', email: 'ada@example.com' });
    const old = await issueSession(h.ctx, identity, [{ method: 'password', aal: 'aal1', completed_at: '2030-01-01T00:00:00.000Z' }], DEVICE);
    const done = await submitRecovery(h.ctx, flow.id, { method: 'code', code: await h.lastCode('ada@example.com') }, {
      device: DEVICE, current: { session: old.session, identity },
    });
    assert.equal(done.kind, 'recovered');
    assert.ok(done.kind === 'recovered');
    assert.equal(done.issued.session.authenticator_assurance_level, 'aal1');
    assert.deepEqual(done.issued.session.authentication_methods.map((m) => [m.method, m.aal]), [['code', 'aal1']]);
    assert.equal((await h.sessions.getSession(old.session.id))?.active, false);
    assert.equal(done.identity.verifiable_addresses[0]?.verified, true);
  });

  test('admin codes: 8 digits for an active identity; unknown, disabled or malformed requests are refused', async () => {
    const h = codeHarness();
    const identity = await withAccount(h);
    const created = await createRecoveryCodeForIdentity(h.ctx, { identity_id: identity.id, expires_in: '30m' });
    assert.match(created.recovery_code, /^\d{8}$/);
    assert.equal(Date.parse(created.expires_at), h.clock.now + 30 * 60_000);
    const flowId = new URL(created.recovery_link).searchParams.get('flow')!;
    assert.equal((await submit(h, flowId, { method: 'code', code: created.recovery_code })).kind, 'recovered');
    const inactive = await withAccount(h, 'bob@example.com', 'inactive');
    await assert.rejects(createRecoveryCodeForIdentity(h.ctx, { identity_id: inactive.id }), IdentityDisabled);
    await assert.rejects(createRecoveryCodeForIdentity(h.ctx, { identity_id: '00000000-0000-4000-8000-00000000dead' }), FlowNotFound);
    for (const body of [{}, { identity_id: identity.id, expires_in: 'soon' }, { identity_id: identity.id, expires_in: '0s' }, { identity_id: identity.id, flow_type: 'cli' }]) {
      await assert.rejects(createRecoveryCodeForIdentity(h.ctx, body), (e: unknown) => e instanceof Error && 'code' in e && e.code === 400, JSON.stringify(body));
    }
  });
});
