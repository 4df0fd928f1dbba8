/**
 * The settings flow and second factors through @ory/client-fetch's FrontendApi on a real port, on
 * SQLite and PostgreSQL: profile and password changes, TOTP set up in settings and used at aal=aal2
 * (each code once), recovery codes (each once), whoami's and settings' aal2 rule, re-authentication
 * for privileged changes (docs/compatibility.md §2.1, §2.3, §2.4; docs/security.md ID-11, ID-13,
 * ID-14, ID-16).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  Configuration, FrontendApi,
  type SettingsFlow, type UiNode, type UiNodeInputAttributes, type UiNodeTextAttributes, type UpdateSettingsFlowBody,
} from '@ory/client-fetch';
import { Secret, TOTP } from 'otpauth';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { failure } from './support/refused.ts';

const PASSWORD = 'a perfectly long passphrase 7';
const NEW_PASSWORD = 'another rather long passphrase 8';

type Json = Record<string, any>;

const freshEmail = (): string => `mfa-${randomUUID().slice(0, 8)}@example.com`;

const named = (nodes: UiNode[], name: string): UiNode | undefined =>
  nodes.find((n) => (n.attributes as UiNodeInputAttributes).name === name || (n.attributes as UiNodeTextAttributes).id === name);

const has = (flow: { ui: { nodes: UiNode[] } }, name: string): boolean => named(flow.ui.nodes, name) !== undefined;

const messageIds = (flow: { ui: { messages?: Array<{ id: number }> } }): number[] => (flow.ui.messages ?? []).map((m) => m.id);

/** The authenticator app a person would set up from the settings flow's secret text node. */
const authenticatorFrom = (flow: SettingsFlow): TOTP => {
  const node = named(flow.ui.nodes, 'totp_secret_key');
  assert.ok(node, 'a settings flow without TOTP offers a secret');
  const secret = String((node.attributes as UiNodeTextAttributes).text.text);
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
};

/**
 * A code of the next time step: the server accepts it (RFC 6238 §6 allows one step of drift) and,
 * unlike the current step's code, it was not used by the setup a moment ago.
 */
const nextStepCode = (totp: TOTP): string => totp.generate({ timestamp: Date.now() + 30_000 });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`settings flow and second factors (${kind})`, () => {
    let olympus: TestServer;
    let api: FrontendApi;

    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, session: { ...c.session, whoamiRequiredAal: 'highest_available' } }));
      api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
    });
    after(() => olympus?.close());

    const register = async (email = freshEmail()) => {
      const flow = await api.createNativeRegistrationFlow();
      const done = await api.updateRegistrationFlow({ flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD } });
      return { email, token: done.session_token!, identityId: done.identity.id };
    };

    const passwordLogin = async (email: string, password = PASSWORD): Promise<string> => {
      const flow = await api.createNativeLoginFlow();
      return (await api.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: email, password } })).session_token!;
    };

    const settings = (token: string, flow: string, body: UpdateSettingsFlowBody) =>
      api.updateSettingsFlow({ flow, xSessionToken: token, updateSettingsFlowBody: body });

    /** Registers and sets up TOTP; returns the aal1 token it used and the authenticator. */
    const withTotp = async () => {
      const user = await register();
      const flow = await api.createNativeSettingsFlow({ xSessionToken: user.token });
      const totp = authenticatorFrom(flow);
      const done = await settings(user.token, flow.id, { method: 'totp', totp_code: totp.generate() });
      assert.equal(done.state, 'success');
      return { ...user, totp };
    };

    const aal2Login = async (token: string, body: Json) => {
      const flow = await api.createNativeLoginFlow({ aal: 'aal2', xSessionToken: token });
      return api.updateLoginFlow({ flow: flow.id, xSessionToken: token, updateLoginFlowBody: body as never });
    };

    test('a settings flow needs a session and shows the identity and every method', async () => {
      const anonymous = await failure(api.createNativeSettingsFlow());
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.error.id, 'session_inactive');
      const { email, token, identityId } = await register();
      const flow = await api.createNativeSettingsFlow({ xSessionToken: token });
      assert.equal(flow.identity.id, identityId);
      assert.equal(flow.state, 'show_form');
      assert.equal(flow.ui.action, `${olympus.publicUrl}/self-service/settings?flow=${flow.id}`);
      const emailNode = named(flow.ui.nodes, 'traits.email')!;
      assert.equal(emailNode.group, 'profile');
      assert.equal((emailNode.attributes as UiNodeInputAttributes).value, email);
      assert.ok(has(flow, 'password'));
      const qr = named(flow.ui.nodes, 'totp_qr')!;
      assert.equal(qr.type, 'img');
      assert.match(String((qr.attributes as { src: string }).src), /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
      assert.ok(has(flow, 'totp_code') && has(flow, 'lookup_secret_regenerate'));
      assert.equal(has(flow, 'csrf_token'), false, 'native flows have no CSRF token');
      const fetched = await api.getSettingsFlow({ id: flow.id, xSessionToken: token });
      assert.equal(fetched.id, flow.id);
      assert.equal(
        (named(fetched.ui.nodes, 'totp_secret_key')!.attributes as UiNodeTextAttributes).text.text,
        (named(flow.ui.nodes, 'totp_secret_key')!.attributes as UiNodeTextAttributes).text.text,
        'the pending secret stays the same while the flow lives',
      );

      const other = await register();
      const mismatch = await failure(api.getSettingsFlow({ id: flow.id, xSessionToken: other.token }));
      assert.equal(mismatch.status, 403);
      assert.equal(mismatch.body.error.id, 'security_identity_mismatch');
      const foreignSubmit = await failure(settings(other.token, flow.id, { method: 'profile', traits: { email: other.email } }));
      assert.equal(foreignSubmit.body.error.id, 'security_identity_mismatch');
    });

    test('profile: a name changes without re-authentication; invalid traits come back as the flow with messages', async () => {
      const { email, token } = await register();
      const flow = await api.createNativeSettingsFlow({ xSessionToken: token });
      const done = await settings(token, flow.id, { method: 'profile', traits: { email, name: { first: 'Ada', last: 'Lovelace' } } });
      assert.equal(done.state, 'success');
      assert.deepEqual(messageIds(done), [1050001]);
      assert.equal((named(done.ui.nodes, 'traits.name.first')!.attributes as UiNodeInputAttributes).value, 'Ada');
      assert.deepEqual((await api.toSession({ xSessionToken: token })).identity?.traits.name, { first: 'Ada', last: 'Lovelace' });

      const refused = await failure(settings(token, flow.id, { method: 'profile', traits: { email: 'not an email' } }));
      assert.equal(refused.status, 400);
      assert.deepEqual(named(refused.body.ui.nodes, 'traits.email')!.messages.map((m) => m.id), [4000004]);

      const taken = await register();
      const duplicate = await failure(settings(token, flow.id, { method: 'profile', traits: { email: taken.email } }));
      assert.equal(duplicate.status, 400);
      assert.deepEqual(messageIds(duplicate.body as SettingsFlow), [4000007]);
    });

    test('TOTP: set up in settings, whoami 403 session_aal2_required at aal1, an aal2 login with the code, the code refused a second time', async () => {
      const user = await register();
      const flow = await api.createNativeSettingsFlow({ xSessionToken: user.token });
      const totp = authenticatorFrom(flow);
      const wrong = await failure(settings(user.token, flow.id, { method: 'totp', totp_code: String((Number(totp.generate()) + 1) % 1_000_000).padStart(6, '0') }));
      assert.equal(wrong.status, 400);
      assert.deepEqual(named(wrong.body.ui.nodes, 'totp_code')!.messages.map((m) => m.id), [4000008]);
      const linked = await settings(user.token, flow.id, { method: 'totp', totp_code: totp.generate() });
      assert.equal(linked.state, 'success');
      assert.ok(has(linked, 'totp_unlink') && !has(linked, 'totp_qr'), 'with an authenticator app the form offers its removal');
      const inbox = await fetch(`${olympus.adminUrl}/admin/courier/messages?recipient=${encodeURIComponent(user.email)}`);
      const notices = ((await inbox.json()) as Json[]).filter((m) => m.template_type === 'authenticator_key_added');
      assert.equal(notices.length, 1, 'the account is told that a second factor was added (ID-18)');

      const stored = (await olympus.server.identity.storage.identities.getIdentity(user.identityId))!.credentials.totp!;
      const secret = (named(flow.ui.nodes, 'totp_secret_key')!.attributes as UiNodeTextAttributes).text.text;
      assert.equal(typeof stored.config.totp_url, 'string');
      assert.ok(!String(stored.config.totp_url).includes(secret) && !String(stored.config.totp_url).startsWith('otpauth:'), 'the secret is stored sealed');

      const firstFactor = await passwordLogin(user.email);
      const before = await failure(api.toSession({ xSessionToken: firstFactor }));
      assert.equal(before.status, 403);
      assert.equal(before.body.error.id, 'session_aal2_required');
      assert.equal(new URL(before.body.redirect_browser_to).searchParams.get('aal'), 'aal2');

      const stepUp = await api.createNativeLoginFlow({ aal: 'aal2', xSessionToken: firstFactor });
      assert.ok(has(stepUp, 'totp_code'));
      assert.equal(has(stepUp, 'lookup_secret'), false, 'only the second factors this identity has');
      const code = nextStepCode(totp);
      const done = await api.updateLoginFlow({ flow: stepUp.id, xSessionToken: firstFactor, updateLoginFlowBody: { method: 'totp', totp_code: code } });
      assert.equal(done.session.authenticator_assurance_level, 'aal2');
      assert.deepEqual(done.session.authentication_methods?.map((m) => [m.method, m.aal]), [['password', 'aal1'], ['totp', 'aal2']]);
      assert.notEqual(done.session_token, firstFactor, 'the step-up issues a new session');
      const whoami = await api.toSession({ xSessionToken: done.session_token });
      assert.equal(whoami.authenticator_assurance_level, 'aal2');
      assert.equal((await failure(api.toSession({ xSessionToken: firstFactor }))).status, 401, 'the aal1 session it replaced has ended');

      const again = await passwordLogin(user.email);
      const replay = await failure(aal2Login(again, { method: 'totp', totp_code: code }));
      assert.equal(replay.status, 400);
      assert.deepEqual(messageIds(replay.body as SettingsFlow), [4000008]);
      assert.equal((await failure(api.toSession({ xSessionToken: again }))).body.error.id, 'session_aal2_required');
    });

    test('settings need aal2 once a second factor exists; with it, TOTP can be removed', async () => {
      const user = await withTotp();
      const refused = await failure(api.createNativeSettingsFlow({ xSessionToken: user.token }));
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.id, 'session_aal2_required');
      const aal2 = (await aal2Login(user.token, { method: 'totp', totp_code: nextStepCode(user.totp) })).session_token!;
      const flow = await api.createNativeSettingsFlow({ xSessionToken: aal2 });
      const unlinked = await settings(aal2, flow.id, { method: 'totp', totp_unlink: true });
      assert.equal(unlinked.state, 'success');
      assert.ok(has(unlinked, 'totp_qr'), 'a new secret is offered after removal');
      assert.equal((await olympus.server.identity.storage.identities.getIdentity(user.identityId))!.credentials.totp, undefined);
      const plain = await passwordLogin(user.email);
      assert.equal((await api.toSession({ xSessionToken: plain })).authenticator_assurance_level, 'aal1', 'no second factor left: aal1 suffices');
    });

    test('recovery codes: generated, shown once, confirmed, stored hashed; one signs in at aal2, and only once', async () => {
      const user = await register();
      const flow = await api.createNativeSettingsFlow({ xSessionToken: user.token });
      const generated = await settings(user.token, flow.id, { method: 'lookup_secret', lookup_secret_regenerate: true });
      const list = (named(generated.ui.nodes, 'lookup_secret_codes')!.attributes as UiNodeTextAttributes).text;
      assert.equal(list.id, 1050015);
      const codes = (list.context as { secrets: Array<{ id: number; text: string }> }).secrets.map((s) => s.text);
      assert.equal(codes.length, 12);
      assert.equal(new Set(codes).size, 12);
      for (const code of codes) assert.match(code, /^[a-z2-7]{8}$/);
      assert.equal((await olympus.server.identity.storage.identities.getIdentity(user.identityId))!.credentials.lookup_secret, undefined, 'not saved before confirmation');
      const confirmed = await settings(user.token, flow.id, { method: 'lookup_secret', lookup_secret_confirm: true });
      assert.equal(confirmed.state, 'success');
      assert.ok(has(confirmed, 'lookup_secret_reveal') && !has(confirmed, 'lookup_secret_codes'), 'the codes are not shown again');
      const stored = JSON.stringify((await olympus.server.identity.storage.identities.getIdentity(user.identityId))!.credentials.lookup_secret!.config);
      for (const code of codes) assert.ok(!stored.includes(code), 'codes are stored only hashed');

      const firstFactor = await passwordLogin(user.email);
      assert.equal((await failure(api.toSession({ xSessionToken: firstFactor }))).body.error.id, 'session_aal2_required');
      const stepUp = await api.createNativeLoginFlow({ aal: 'aal2', xSessionToken: firstFactor });
      assert.ok(has(stepUp, 'lookup_secret') && !has(stepUp, 'totp_code'));
      const done = await api.updateLoginFlow({
        flow: stepUp.id, xSessionToken: firstFactor, updateLoginFlowBody: { method: 'lookup_secret', lookup_secret: codes[3].toUpperCase() },
      });
      assert.equal(done.session.authenticator_assurance_level, 'aal2');
      assert.equal(done.session.authentication_methods?.at(-1)?.method, 'lookup_secret');
      assert.equal((await api.toSession({ xSessionToken: done.session_token })).authenticator_assurance_level, 'aal2');

      const again = await passwordLogin(user.email);
      const reused = await failure(aal2Login(again, { method: 'lookup_secret', lookup_secret: codes[3] }));
      assert.equal(reused.status, 400);
      assert.deepEqual(messageIds(reused.body as SettingsFlow), [4000012]);
      const unknown = await failure(aal2Login(again, { method: 'lookup_secret', lookup_secret: 'aaaaaaaa' }));
      assert.deepEqual(messageIds(unknown.body as SettingsFlow), [4000016]);

      const aal2 = done.session_token!;
      const manage = await api.createNativeSettingsFlow({ xSessionToken: aal2 });
      const revealed = await settings(aal2, manage.id, { method: 'lookup_secret', lookup_secret_reveal: true });
      const entries = ((named(revealed.ui.nodes, 'lookup_secret_codes')!.attributes as UiNodeTextAttributes).text.context as { secrets: Array<{ id: number }> }).secrets;
      assert.equal(entries.filter((e) => e.id === 1050014).length, 1, 'the used code is shown as used');
      assert.ok(!JSON.stringify(revealed).includes(codes[0]), 'saved codes cannot be shown again');
    });

    test('a password change needs a recent login (403 session_refresh_required), then works and ends the other sessions', async () => {
      const user = await register();
      const otherDevice = await passwordLogin(user.email);
      const flow = await api.createNativeSettingsFlow({ xSessionToken: user.token });
      const sessions = olympus.server.identity.storage.sessions;
      const current = await api.toSession({ xSessionToken: user.token });
      const stored = (await sessions.getSession(current.id))!;
      await sessions.updateSession({ ...stored, authenticated_at: new Date(Date.now() - 3_600_000).toISOString() });

      const stale = await failure(settings(user.token, flow.id, { method: 'password', password: NEW_PASSWORD }));
      assert.equal(stale.status, 403);
      assert.equal(stale.body.error.id, 'session_refresh_required');
      const redirect = new URL(stale.body.redirect_browser_to);
      assert.equal(redirect.pathname, '/self-service/login/browser');
      assert.equal(redirect.searchParams.get('refresh'), 'true');
      assert.equal(redirect.searchParams.get('return_to'), `${olympus.publicUrl}/settings?flow=${flow.id}`);
      const nameOnly = await settings(user.token, flow.id, { method: 'profile', traits: { email: user.email, name: { first: 'Still' } } });
      assert.equal(nameOnly.state, 'success', 'a non-identifying trait needs no recent login');
      const emailChange = await failure(settings(user.token, flow.id, { method: 'profile', traits: { email: freshEmail() } }));
      assert.equal(emailChange.body.error.id, 'session_refresh_required', 'the login identifier does');

      const refresh = await api.createNativeLoginFlow({ refresh: true, xSessionToken: user.token });
      const refreshed = (await api.updateLoginFlow({
        flow: refresh.id, xSessionToken: user.token, updateLoginFlowBody: { method: 'password', identifier: user.email, password: PASSWORD },
      })).session_token!;
      const common = await failure(settings(refreshed, flow.id, { method: 'password', password: 'password123' }));
      assert.equal(common.status, 400);
      assert.deepEqual(named(common.body.ui.nodes, 'password')!.messages.map((m) => m.id), [4000034]);
      const changed = await settings(refreshed, flow.id, { method: 'password', password: NEW_PASSWORD });
      assert.equal(changed.state, 'success');
      assert.equal((await failure(api.toSession({ xSessionToken: otherDevice }))).status, 401, 'other sessions end with a credential change (ID-11)');
      assert.equal((await api.toSession({ xSessionToken: refreshed })).identity?.id, user.identityId, 'the session that made the change stays');
      const old = await failure(passwordLogin(user.email));
      assert.equal(old.status, 400);
      assert.ok(await passwordLogin(user.email, NEW_PASSWORD));
    });

    test('browser settings flows: CSRF like login, 303 answers for forms, a login first without a session', async () => {
      const { email } = await register();
      const browser = new Browser();
      const anonymous = await browser.get(`${olympus.publicUrl}/self-service/settings/browser`);
      assert.equal(anonymous.status, 303);
      const toLogin = new URL(anonymous.location!);
      assert.equal(toLogin.pathname, '/self-service/login/browser');
      assert.equal(toLogin.searchParams.get('return_to'), `${olympus.publicUrl}/self-service/settings/browser`);

      const loginFlow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/login/browser`, { headers: { accept: 'application/json' } })).body) as Json;
      const csrfOf = (flow: Json): string => String(flow.ui.nodes.find((n: Json) => n.attributes.name === 'csrf_token').attributes.value);
      const loggedIn = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${loginFlow.id}`, {
        method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfOf(loginFlow) }),
      });
      assert.equal(loggedIn.status, 200, loggedIn.body);

      const page = await browser.get(`${olympus.publicUrl}/self-service/settings/browser`);
      assert.equal(page.status, 303);
      const flowId = new URL(page.location!).searchParams.get('flow')!;
      assert.equal(new URL(page.location!).pathname, '/settings');
      const flow = JSON.parse((await browser.get(`${olympus.publicUrl}/self-service/settings/flows?id=${flowId}`)).body) as Json;
      assert.equal(flow.type, 'browser');

      const post = (form: Record<string, string>) => browser.request(`${olympus.publicUrl}/self-service/settings?flow=${flowId}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
      });
      const noToken = await browser.request(`${olympus.publicUrl}/self-service/settings?flow=${flowId}`, {
        method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'profile', traits: { email, name: { first: 'Form' } } }),
      });
      assert.equal(noToken.status, 403);
      assert.equal((JSON.parse(noToken.body) as Json).error.details.reject_reason, 'token_missing');
      const saved = await post({ method: 'profile', 'traits.email': email, 'traits.name.first': 'Form', csrf_token: csrfOf(flow) });
      assert.equal(saved.status, 303);
      assert.equal(saved.location, `${olympus.publicUrl}/settings?flow=${flowId}`);
      const after = JSON.parse((await browser.get(`${olympus.publicUrl}/self-service/settings/flows?id=${flowId}`)).body) as Json;
      assert.equal(after.state, 'success');
      assert.equal(after.identity.traits.name.first, 'Form');
    });
  });
}
