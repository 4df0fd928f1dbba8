/**
 * Identity sessions on a real port, SQLite and PostgreSQL: my sessions (FrontendApi), the admin's
 * sessions API (IdentityApi), expiry, the aal2 rule of whoami and the cookie flags outside dev
 * (docs/compatibility.md §2.1, §2.2, §2.4; docs/security.md ID-9, ID-11, ID-12).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Configuration, FrontendApi, IdentityApi } from '@ory/client-fetch';
import type { OlympusConfig } from '@olympus/config';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { failure } from './support/refused.ts';

const PASSWORD = 'a perfectly long passphrase 7';
type Json = Record<string, any>;

/** A registered identity with `extra` more native logins: its tokens, first one first. */
const signedUp = async (api: FrontendApi, logins = 0) => {
  const email = `user-${randomUUID().slice(0, 8)}@example.com`;
  const flow = await api.createNativeRegistrationFlow();
  const done = await api.updateRegistrationFlow({ flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD } });
  const tokens = [done.session_token!];
  for (let i = 0; i < logins; i += 1) {
    const login = await api.createNativeLoginFlow();
    tokens.push((await api.updateLoginFlow({ flow: login.id, updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD } })).session_token!);
  }
  return { email, identityId: done.identity.id, tokens };
};

const strict = (c: OlympusConfig): OlympusConfig => ({ ...c, session: { ...c.session, whoamiRequiredAal: 'highest_available' } });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`identity sessions (${kind})`, () => {
    let olympus: TestServer;
    let api: FrontendApi;
    let admin: IdentityApi;

    before(async () => {
      olympus = await startTestServer(kind, strict);
      api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
      admin = new IdentityApi(new Configuration({ basePath: olympus.adminUrl }));
    });
    after(() => olympus?.close());

    test('my sessions: list the others, revoke one, revoke the rest ({count}); the current one stays', async () => {
      const { tokens: [current, second, third, fourth] } = await signedUp(api, 3);
      const others = await api.listMySessions({ xSessionToken: current });
      assert.equal(others.length, 3);
      const me = await api.toSession({ xSessionToken: current });
      assert.ok(others.every((s) => s.id !== me.id));
      const secondSession = await api.toSession({ xSessionToken: second });
      await api.disableMySession({ id: secondSession.id, xSessionToken: current });
      assert.equal((await failure(api.toSession({ xSessionToken: second }))).status, 401);
      const refused = await failure(api.disableMySession({ id: me.id, xSessionToken: current }));
      assert.equal(refused.status, 400, 'the current session ends through logout, not here');
      const { count } = await api.disableMyOtherSessions({ xSessionToken: current });
      assert.equal(count, 2);
      for (const token of [third, fourth]) assert.equal((await failure(api.toSession({ xSessionToken: token }))).status, 401);
      assert.equal((await api.toSession({ xSessionToken: current })).id, me.id);
      const stranger = await signedUp(api);
      const foreign = await failure(api.disableMySession({ id: me.id, xSessionToken: stranger.tokens[0] }));
      assert.equal(foreign.status, 404, 'another identity\'s session is not mine to revoke');
      assert.equal((await failure(api.listMySessions({}))).status, 401);
    });

    test('admin: get (identity expanded), extend, list an identity\'s sessions, revoke one and all', async () => {
      const { identityId, tokens } = await signedUp(api, 1);
      const session = await api.toSession({ xSessionToken: tokens[0] });
      const got = await admin.getSession({ id: session.id });
      assert.equal(got.identity?.id, identityId);
      assert.equal(got.devices?.[0]?.user_agent, 'node');
      const before = session.expires_at!.getTime();
      const extended = await admin.extendSession({ id: session.id });
      assert.ok(extended?.expires_at && extended.expires_at.getTime() >= before);
      const listed = await admin.listIdentitySessions({ id: identityId });
      assert.deepEqual(listed.map((s) => s.id).sort(), [session.id, (await api.toSession({ xSessionToken: tokens[1] })).id].sort());
      await admin.disableSession({ id: session.id });
      assert.equal((await failure(api.toSession({ xSessionToken: tokens[0] }))).status, 401);
      assert.equal((await admin.listIdentitySessions({ id: identityId, active: true })).length, 1);
      assert.equal((await admin.listIdentitySessions({ id: identityId, active: false })).length, 1);
      await admin.deleteIdentitySessions({ id: identityId });
      assert.equal((await failure(api.toSession({ xSessionToken: tokens[1] }))).status, 401);
      assert.equal((await failure(admin.getSession({ id: randomUUID() }))).status, 404);
      assert.equal((await failure(admin.listIdentitySessions({ id: randomUUID() }))).status, 404);
    });

    test('admin: every session in keyset pages named by the Link header', async () => {
      await signedUp(api, 2);
      const first = await fetch(`${olympus.adminUrl}/admin/sessions?page_size=2`);
      assert.equal(first.status, 200);
      assert.equal(((await first.json()) as Json[]).length, 2);
      const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
      assert.ok(next, 'a next page exists');
      const page2 = await admin.listSessions({ pageSize: 2, pageToken: new URL(next, olympus.adminUrl).searchParams.get('page_token')! });
      assert.ok(page2.length >= 1);
      const forged = await fetch(`${olympus.adminUrl}/admin/sessions?page_token=forged`);
      assert.equal(forged.status, 400);
    });

    test('an expired session is inactive: whoami 401 (ID-12)', async () => {
      const { tokens } = await signedUp(api);
      const session = await api.toSession({ xSessionToken: tokens[0] });
      const sessions = olympus.server.identity.storage.sessions;
      const stored = (await sessions.getSession(session.id))!;
      await sessions.updateSession({ ...stored, expires_at: new Date(Date.now() - 1000).toISOString() });
      const { status, body } = await failure(api.toSession({ xSessionToken: tokens[0] }));
      assert.equal(status, 401);
      assert.equal(body.error.id, 'session_inactive');
    });

    test('with required_aal highest_available, an aal1 session of an identity with a second factor gets 403 session_aal2_required', async () => {
      const { identityId, tokens } = await signedUp(api);
      assert.equal((await api.toSession({ xSessionToken: tokens[0] })).identity?.id, identityId, 'no second factor yet: aal1 is enough');
      const identities = olympus.server.identity.storage.identities;
      const identity = (await identities.getIdentity(identityId))!;
      const now = new Date().toISOString();
      await identities.updateIdentity({
        ...identity,
        credentials: { ...identity.credentials, totp: { type: 'totp', identifiers: [identityId], version: 0, config: {}, created_at: now, updated_at: now } },
      });
      const { status, body } = await failure(api.toSession({ xSessionToken: tokens[0] }));
      assert.equal(status, 403);
      assert.equal(body.error.id, 'session_aal2_required');
      const stepUp = new URL(body.redirect_browser_to);
      assert.equal(stepUp.pathname, '/self-service/login/browser');
      assert.equal(stepUp.searchParams.get('aal'), 'aal2');
      const flow = await api.createNativeLoginFlow({ aal: 'aal2', xSessionToken: tokens[0] });
      assert.equal(flow.requested_aal, 'aal2');
      assert.equal(flow.ui.messages?.[0]?.id, 1010004);
      assert.equal(flow.ui.nodes.some((n) => (n.attributes as { name?: string }).name === 'password'), false, 'no first factor at aal2');
      const { email } = (await identities.getIdentity(identityId))!.traits as { email: string };
      const refused = await failure(api.updateLoginFlow({
        flow: flow.id, xSessionToken: tokens[0], updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD },
      }));
      assert.equal(refused.status, 400, 'a password cannot stand in for the second factor');
      assert.deepEqual(refused.body.ui.messages.map((m: Json) => m.id), [4010002]);
      assert.equal((await failure(api.toSession({ xSessionToken: tokens[0] }))).body.error.id, 'session_aal2_required');
    });

    test('aal=aal2 without a session is 401 session_aal1_required', async () => {
      const { status, body } = await failure(api.createNativeLoginFlow({ aal: 'aal2' }));
      assert.equal(status, 401);
      assert.equal(body.error.id, 'session_aal1_required');
    });
  });
}

describe('cookie flags outside dev (ID-9)', () => {
  let olympus: TestServer;
  before(async () => {
    olympus = await startTestServer('sqlite', (c) => ({ ...c, serve: { ...c.serve, cookies: { ...c.serve.cookies, secure: true } } }));
  });
  after(() => olympus?.close());

  test('session and CSRF cookies are __Host-, Secure, HttpOnly, Path=/, and are read back under that name', async () => {
    const browser = new Browser();
    const created = await browser.request(`${olympus.publicUrl}/self-service/registration/browser`, { headers: { accept: 'application/json' } });
    const csrfCookie = created.headers.getSetCookie().find((c) => c.startsWith('__Host-olympus_csrf='));
    assert.ok(csrfCookie, created.headers.getSetCookie().join(' | '));
    for (const flag of ['Secure', 'HttpOnly', 'Path=/', 'SameSite=Lax']) assert.ok(csrfCookie.includes(flag), `${flag} in ${csrfCookie}`);
    const flow = JSON.parse(created.body) as Json;
    const token = flow.ui.nodes.find((n: Json) => n.attributes.name === 'csrf_token').attributes.value;
    const answer = await browser.request(`${olympus.publicUrl}/self-service/registration?flow=${flow.id}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ method: 'password', 'traits.email': `user-${randomUUID().slice(0, 8)}@example.com`, password: PASSWORD, csrf_token: token }).toString(),
    });
    assert.equal(answer.status, 303, answer.body);
    const sessionCookie = answer.headers.getSetCookie().find((c) => c.startsWith('__Host-olympus_session='));
    assert.ok(sessionCookie);
    for (const flag of ['Secure', 'HttpOnly', 'Path=/', 'Max-Age=']) assert.ok(sessionCookie.includes(flag), `${flag} in ${sessionCookie}`);
    const whoami = await browser.get(`${olympus.publicUrl}/sessions/whoami`);
    assert.equal(whoami.status, 200);
  });
});
