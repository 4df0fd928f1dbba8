import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SessionAal1Required, SessionAalAlreadyFulfilled, SessionAlreadyAvailable, createLoginFlow, createRegistrationFlow, type UiNodeInputAttributes } from '../src/index.ts';
import { loadSchemas } from '../src/schemas/registry.ts';
import { traitsNodes } from '../src/flows/registration/traits-nodes.ts';
import { checkLoginAllowed } from '../src/flows/login/rules.ts';
import type { CurrentSession } from '../src/sessions/lookup.ts';
import { harness } from './sessions-fakes.ts';

const attrs = (node: { attributes: unknown }) => node.attributes as UiNodeInputAttributes;

describe('registration form from the identity schema', () => {
  test('the default schema gives traits.email (email, required, label 1070002 "E-Mail") and the optional names', () => {
    const { ctx } = harness();
    const schemas = loadSchemas(ctx.config);
    const nodes = traitsNodes(schemas.get('default')!);
    assert.deepEqual(nodes.map((n) => attrs(n).name), ['traits.email', 'traits.name.first', 'traits.name.last']);
    const email = attrs(nodes[0]);
    assert.equal(email.type, 'email');
    assert.equal(email.autocomplete, 'email');
    assert.equal(email.required, true);
    assert.deepEqual(nodes[0].meta.label, { id: 1070002, text: 'E-Mail', type: 'info', context: { title: 'E-Mail' } });
    assert.equal(attrs(nodes[1]).required, undefined);
  });

  test('browser flows carry the csrf_token node first, api flows none', async () => {
    const { ctx } = harness();
    const browser = await createRegistrationFlow(ctx, { type: 'browser', requestUrl: 'http://x/', csrfSecret: 'secret' });
    assert.equal(attrs(browser.ui.nodes[0]).name, 'csrf_token');
    assert.equal(attrs(browser.ui.nodes[0]).value, browser.internal.csrfToken);
    const api = await createRegistrationFlow(ctx, { type: 'api', requestUrl: 'http://x/' });
    assert.equal(api.ui.nodes.some((n) => attrs(n).name === 'csrf_token'), false);
    assert.ok(api.ui.nodes.some((n) => attrs(n).name === 'password'));
  });

  test('registration can be disabled', async () => {
    const { ctx } = harness((c) => ({ ...c, selfservice: { ...c.selfservice, flows: { ...c.selfservice.flows, registration: { ...c.selfservice.flows.registration, enabled: false } } } }));
    await assert.rejects(createRegistrationFlow(ctx, { type: 'api', requestUrl: 'http://x/' }), (err: Error & { id?: string }) => err.id === 'self_service_flow_disabled');
  });
});

describe('when a login may start', () => {
  const session = (aal: 'aal1' | 'aal2') => ({ session: { authenticator_assurance_level: aal }, identity: {} }) as unknown as CurrentSession;

  test('no session: a login; aal2 needs one', () => {
    assert.doesNotThrow(() => checkLoginAllowed(undefined, false, 'aal1'));
    assert.throws(() => checkLoginAllowed(undefined, false, 'aal2'), SessionAal1Required);
  });

  test('a session: already available unless refresh or a step-up that is not done yet', () => {
    assert.throws(() => checkLoginAllowed(session('aal1'), false, 'aal1'), SessionAlreadyAvailable);
    assert.doesNotThrow(() => checkLoginAllowed(session('aal1'), true, 'aal1'));
    assert.doesNotThrow(() => checkLoginAllowed(session('aal1'), false, 'aal2'));
    assert.throws(() => checkLoginAllowed(session('aal2'), false, 'aal2'), SessionAalAlreadyFulfilled);
  });

  test('the flow lives selfservice.flows.login.lifespan and its action names it', async () => {
    const { ctx, clock } = harness();
    const flow = await createLoginFlow(ctx, { type: 'api', requestUrl: 'http://x/' });
    assert.equal(flow.expiresAt, clock.now + ctx.config.selfservice.flows.login.lifespan);
    assert.equal(flow.ui.action, `http://127.0.0.1:4444/self-service/login?flow=${flow.id}`);
    await assert.rejects(createLoginFlow(ctx, { type: 'api', requestUrl: 'http://x/', aal: 'aal3' }), (err: Error & { id?: string }) => err.id === 'bad_request');
  });
});
