/**
 * Recovery and verification by one-time code through @ory/client-fetch's FrontendApi, CourierApi and
 * IdentityApi on a real port, on SQLite and PostgreSQL (docs/compatibility.md §2.1–§2.3; docs/security.md
 * ID-6, ID-16, ID-17, ID-19). Codes are read from the dev inbox (/admin/courier/messages),
 * and once from a real SMTP server the test starts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import {
  Configuration, CourierApi, FrontendApi, IdentityApi, type RecoveryFlow, type UiNodeInputAttributes, type VerificationFlow,
} from '@ory/client-fetch';
import { extractCode } from '@olympus/identity';
import { Browser } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { failure } from './support/refused.ts';
import { startSmtp } from './support/smtp.ts';

type Json = Record<string, any>;

const freshEmail = (): string => `rv-${randomUUID().slice(0, 8)}@example.com`;

const messageIds = (flow: { ui: { messages?: Array<{ id: number }> } }): number[] => (flow.ui.messages ?? []).map((m) => m.id);

const csrfTokenOf = (flow: Json): string =>
  String((flow.ui.nodes.find((n: Json) => (n.attributes as UiNodeInputAttributes).name === 'csrf_token')?.attributes as UiNodeInputAttributes).value);

/** Flow answers for different addresses, with what necessarily differs (ids, times, the address) masked. */
const normalized = (body: Json, flowId: string): Json =>
  JSON.parse(JSON.stringify(body).replaceAll(flowId, 'FLOW').replace(/"value":"[^"]*@example\.com"/g, '"value":"ADDRESS"')
    .replace(/"\d{4}-\d\d-\d\dT[^"]+"/g, '"TIME"'));

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`recovery and verification by code (${kind})`, () => {
    let olympus: TestServer;
    let api: FrontendApi;
    let courier: CourierApi;
    let identities: IdentityApi;

    before(async () => {
      // whoami demands the second factor of identities that have one: recovery must not get around it (ID-17).
      olympus = await startTestServer(kind, (c) => ({ ...c, session: { ...c.session, whoamiRequiredAal: 'highest_available' } }));
      const admin = new Configuration({ basePath: olympus.adminUrl });
      api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
      courier = new CourierApi(admin);
      identities = new IdentityApi(admin);
    });
    after(() => olympus?.close());

    const newIdentity = async (email = freshEmail()) => {
      const identity = await identities.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email } } });
      return { email, identity };
    };

    /** The codes mailed to `recipient`, oldest first, once there are `count` of them (the mail is queued just after the answer). */
    const codesFor = async (recipient: string, count: number, template: string): Promise<string[]> => {
      for (let i = 0; i < 250; i++) {
        const messages = (await courier.listCourierMessages({ recipient })).filter((m) => m.template_type === template);
        if (messages.length >= count) return messages.reverse().map((m) => extractCode(m.body) ?? assert.fail(`no code in ${m.body}`));
        await sleep(20);
      }
      assert.fail(`no ${count} ${template} message(s) for ${recipient}`);
    };

    const sendRecoveryCode = async (email: string): Promise<RecoveryFlow> => {
      const flow = await api.createNativeRecoveryFlow();
      return api.updateRecoveryFlow({ flow: flow.id, updateRecoveryFlowBody: { method: 'code', email } });
    };

    const submitRecoveryCode = (flowId: string, code: string) =>
      api.updateRecoveryFlow({ flow: flowId, updateRecoveryFlowBody: { method: 'code', code } });

    test('recovery: the mailed code signs in at aal1 and continues to a settings flow; the address is verified', async () => {
      const { email, identity } = await newIdentity();
      const sent = await sendRecoveryCode(email);
      assert.equal(sent.state, 'sent_email');
      assert.deepEqual(messageIds(sent), [1060003]);
      const codeNode = sent.ui.nodes.find((n) => (n.attributes as UiNodeInputAttributes).name === 'code');
      assert.equal((codeNode?.attributes as UiNodeInputAttributes).autocomplete, 'one-time-code');
      const [code] = await codesFor(email, 1, 'recovery_code_valid');
      assert.match(code!, /^\d{6}$/);
      const done = await submitRecoveryCode(sent.id, code!);
      assert.equal(done.state, 'passed_challenge');
      assert.deepEqual(messageIds(done), [1060001]);
      const token = done.continue_with?.find((c) => c.action === 'set_ory_session_token');
      assert.ok(token && token.action === 'set_ory_session_token', JSON.stringify(done.continue_with));
      const settings = done.continue_with?.find((c) => c.action === 'show_settings_ui');
      assert.ok(settings && settings.action === 'show_settings_ui', JSON.stringify(done.continue_with));
      const session = await api.toSession({ xSessionToken: token.ory_session_token });
      assert.equal(session.identity?.id, identity.id);
      assert.equal(session.authenticator_assurance_level, 'aal1');
      assert.deepEqual(session.authentication_methods?.map((m) => m.method), ['code']);
      const settingsFlow = await api.getSettingsFlow({ id: settings.flow.id, xSessionToken: token.ory_session_token });
      assert.equal(settingsFlow.identity.id, identity.id);
      const stored = await identities.getIdentity({ id: identity.id });
      assert.equal(stored.verifiable_addresses?.[0]?.verified, true, 'the mailbox proved its control');
      const again = await failure(submitRecoveryCode(sent.id, code!));
      assert.equal(again.status, 400);
      assert.deepEqual(messageIds(again.body as never), [4060001], 'a used code does not work twice');
    });

    test('recovery of an identity with a second factor stays aal1: whoami asks for aal2, settings wait for it (ID-17)', async () => {
      const { email, identity } = await newIdentity();
      const store = olympus.server.identity.storage.identities;
      const full = (await store.getIdentity(identity.id))!;
      const at = new Date().toISOString();
      await store.updateIdentity({
        ...full, credentials: { ...full.credentials, totp: { type: 'totp', identifiers: [identity.id], version: 0, config: {}, created_at: at, updated_at: at } },
      });
      const sent = await sendRecoveryCode(email);
      const [code] = await codesFor(email, 1, 'recovery_code_valid');
      const done = await submitRecoveryCode(sent.id, code!);
      const token = done.continue_with?.find((c) => c.action === 'set_ory_session_token');
      assert.ok(token && token.action === 'set_ory_session_token');
      const next = done.continue_with?.find((c) => c.action === 'redirect_browser_to');
      assert.ok(next && next.action === 'redirect_browser_to', JSON.stringify(done.continue_with));
      assert.equal(new URL(next.redirect_browser_to).searchParams.get('aal'), 'aal2');
      const whoami = await failure(api.toSession({ xSessionToken: token.ory_session_token }));
      assert.equal(whoami.status, 403);
      assert.equal(whoami.body.error.id, 'session_aal2_required');
    });

    test('an unknown address gets the same answer as a known one, and no mail (ID-6)', async () => {
      const unknownEmail = freshEmail();
      const unknown = await sendRecoveryCode(unknownEmail);
      const { email } = await newIdentity();
      const known = await sendRecoveryCode(email);
      await codesFor(email, 1, 'recovery_code_valid');
      assert.deepEqual(normalized(unknown, unknown.id), normalized(known, known.id));
      assert.deepEqual(await courier.listCourierMessages({ recipient: unknownEmail }), []);
      const guess = await failure(submitRecoveryCode(unknown.id, '123456'));
      assert.deepEqual(messageIds(guess.body as never), [4060006], 'codes for an unknown address are just wrong codes');
    });

    test('five wrong codes are answered 4060006; the sixth submission ends the flow, even with the right code (ID-16)', async () => {
      const { email } = await newIdentity();
      const sent = await sendRecoveryCode(email);
      const [code] = await codesFor(email, 1, 'recovery_code_valid');
      const wrong = code === '000000' ? '000001' : '000000';
      for (let i = 0; i < 5; i++) {
        const refused = await failure(submitRecoveryCode(sent.id, wrong));
        assert.equal(refused.status, 400);
        assert.deepEqual(messageIds(refused.body as never), [4060006], `attempt ${i + 1}`);
      }
      const ended = await failure(submitRecoveryCode(sent.id, code!));
      assert.deepEqual(messageIds(ended.body as never), [4060002]);
      const resend = await failure(api.updateRecoveryFlow({ flow: sent.id, updateRecoveryFlowBody: { method: 'code', email } }));
      assert.deepEqual(messageIds(resend.body as never), [4060002], 'the flow is over: a new code needs a new flow');
    });

    test('a code works only in its own flow, and a new code replaces the previous one', async () => {
      const { email } = await newIdentity();
      const x = await sendRecoveryCode(email);
      const y = await sendRecoveryCode(email);
      const [codeX, codeY] = await codesFor(email, 2, 'recovery_code_valid');
      if (codeX !== codeY) assert.deepEqual(messageIds((await failure(submitRecoveryCode(y.id, codeX!))).body as never), [4060006]);
      const resent = await api.updateRecoveryFlow({ flow: x.id, updateRecoveryFlowBody: { method: 'code', email } });
      const codes = await codesFor(email, 3, 'recovery_code_valid');
      if (codes[2] !== codeX) assert.deepEqual(messageIds((await failure(submitRecoveryCode(resent.id, codeX!))).body as never), [4060006]);
      assert.equal((await submitRecoveryCode(x.id, codes[2]!)).state, 'passed_challenge');
      assert.equal((await submitRecoveryCode(y.id, codeY!)).state, 'passed_challenge');
    });

    test('a browser: JSON to send the code, then a form post of the code → 303 to the settings UI with the session cookie', async () => {
      const { email, identity } = await newIdentity();
      const browser = new Browser();
      const created = await browser.request(`${olympus.publicUrl}/self-service/recovery/browser`, { headers: { accept: 'application/json' } });
      assert.equal(created.status, 200, created.body);
      const flow = JSON.parse(created.body) as Json;
      const submit = (body: string, headers: Record<string, string>) =>
        browser.request(`${olympus.publicUrl}/self-service/recovery?flow=${flow.id}`, { method: 'POST', headers, body });
      const noCsrf = await submit(JSON.stringify({ method: 'code', email }), { accept: 'application/json', 'content-type': 'application/json' });
      assert.equal(noCsrf.status, 403, 'browser flows need their CSRF token');
      const sent = await submit(JSON.stringify({ method: 'code', email, csrf_token: csrfTokenOf(flow) }), { accept: 'application/json', 'content-type': 'application/json' });
      assert.equal(sent.status, 200, sent.body);
      const [code] = await codesFor(email, 1, 'recovery_code_valid');
      const form = new URLSearchParams({ method: 'code', code: code!, csrf_token: csrfTokenOf(flow) }).toString();
      const done = await submit(form, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(done.status, 303);
      const location = new URL(done.location!);
      assert.equal(location.pathname, '/settings');
      assert.ok(location.searchParams.get('flow'));
      const whoami = await browser.request(`${olympus.publicUrl}/sessions/whoami`);
      assert.equal(whoami.status, 200, whoami.body);
      assert.equal((JSON.parse(whoami.body) as Json).identity.id, identity.id);
    });

    test('admin: IdentityApi creates a recovery code; the person enters it in the linked flow', async () => {
      const { identity } = await newIdentity();
      const created = await identities.createRecoveryCodeForIdentity({ createRecoveryCodeForIdentityBody: { identity_id: identity.id, expires_in: '1h' } });
      assert.match(created.recovery_code, /^\d{8}$/);
      assert.ok(created.expires_at && Math.abs(created.expires_at.getTime() - Date.now() - 3_600_000) < 60_000);
      const link = new URL(created.recovery_link);
      assert.equal(link.pathname, '/recovery');
      const flowId = link.searchParams.get('flow')!;
      const flow = await api.getRecoveryFlow({ id: flowId });
      assert.equal(flow.state, 'sent_email');
      const browser = new Browser();
      const done = await browser.request(`${olympus.publicUrl}/self-service/recovery?flow=${flowId}`, {
        method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'code', code: created.recovery_code }),
      });
      assert.equal(done.status, 200, done.body);
      assert.equal((JSON.parse(done.body) as Json).state, 'passed_challenge');
      const whoami = await browser.request(`${olympus.publicUrl}/sessions/whoami`);
      assert.equal((JSON.parse(whoami.body) as Json).identity.id, identity.id);
      const unknown = await failure(identities.createRecoveryCodeForIdentity({ createRecoveryCodeForIdentityBody: { identity_id: randomUUID() } }));
      assert.equal(unknown.status, 404);
      const tooLong = await failure(identities.createRecoveryCodeForIdentity({ createRecoveryCodeForIdentityBody: { identity_id: identity.id, expires_in: '48h' } }));
      assert.equal(tooLong.status, 400);
    });

    const sendVerificationCode = async (email: string): Promise<VerificationFlow> => {
      const flow = await api.createNativeVerificationFlow();
      return api.updateVerificationFlow({ flow: flow.id, updateVerificationFlowBody: { method: 'code', email } });
    };

    const submitVerificationCode = (flowId: string, code: string) =>
      api.updateVerificationFlow({ flow: flowId, updateVerificationFlowBody: { method: 'code', code } });

    test('verification: the mailed code verifies the address, visible through IdentityApi', async () => {
      const { email, identity } = await newIdentity();
      assert.equal(identity.verifiable_addresses?.[0]?.verified, false);
      const sent = await sendVerificationCode(email);
      assert.equal(sent.state, 'sent_email');
      assert.deepEqual(messageIds(sent), [1080003]);
      const [code] = await codesFor(email, 1, 'verification_code_valid');
      const done = await submitVerificationCode(sent.id, code!);
      assert.equal(done.state, 'passed_challenge');
      assert.deepEqual(messageIds(done), [1080002]);
      const address = (await identities.getIdentity({ id: identity.id })).verifiable_addresses?.[0];
      assert.equal(address?.verified, true);
      assert.equal(address?.status, 'completed');
      assert.ok(address?.verified_at);
      const again = await failure(submitVerificationCode(sent.id, code!));
      assert.deepEqual(messageIds(again.body as never), [4070002]);
    });

    test('verification: same answer and no mail for an unknown address; a code from another flow fails', async () => {
      const unknownEmail = freshEmail();
      const unknown = await sendVerificationCode(unknownEmail);
      const { email } = await newIdentity();
      const x = await sendVerificationCode(email);
      const [codeX] = await codesFor(email, 1, 'verification_code_valid');
      assert.deepEqual(normalized(unknown, unknown.id), normalized(x, x.id));
      assert.deepEqual(await courier.listCourierMessages({ recipient: unknownEmail }), []);
      const y = await sendVerificationCode(email);
      const [, codeY] = await codesFor(email, 2, 'verification_code_valid');
      if (codeX !== codeY) assert.deepEqual(messageIds((await failure(submitVerificationCode(y.id, codeX!))).body as never), [4070006]);
    });

    test('verification: a code sent before the address changed does not verify the new one (ID-19)', async () => {
      const { email, identity } = await newIdentity();
      const sent = await sendVerificationCode(email);
      const [code] = await codesFor(email, 1, 'verification_code_valid');
      const changed = await identities.patchIdentity({ id: identity.id, jsonPatch: [{ op: 'replace', path: '/traits/email', value: freshEmail() }] });
      const refused = await failure(submitVerificationCode(sent.id, code!));
      assert.deepEqual(messageIds(refused.body as never), [4070006]);
      assert.equal((await identities.getIdentity({ id: changed.id })).verifiable_addresses?.[0]?.verified, false);
    });

    test('registration sends a verification code and answers continue_with show_verification_ui', async () => {
      const email = freshEmail();
      const flow = await api.createNativeRegistrationFlow();
      const done = await api.updateRegistrationFlow({
        flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: 'a perfectly long passphrase 7' },
      });
      const show = done.continue_with?.find((c) => c.action === 'show_verification_ui');
      assert.ok(show && show.action === 'show_verification_ui', JSON.stringify(done.continue_with));
      assert.equal(show.flow.verifiable_address, email);
      assert.equal(new URL(show.flow.url!).searchParams.get('flow'), show.flow.id);
      assert.equal(done.identity.verifiable_addresses?.[0]?.status, 'sent');
      const [code] = await codesFor(email, 1, 'verification_code_valid');
      assert.equal((await submitVerificationCode(show.flow.id, code!)).state, 'passed_challenge');
      assert.equal((await identities.getIdentity({ id: done.identity.id })).verifiable_addresses?.[0]?.verified, true);
    });
  });
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`recovery mail through a real SMTP server (${kind})`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let olympus: TestServer;
    before(async () => {
      smtp = await startSmtp();
      olympus = await startTestServer(kind, (c) => ({ ...c, courier: { ...c.courier, smtpConnectionUri: `smtp://127.0.0.1:${smtp.port}/?disable_starttls=true` } }));
    });
    after(async () => {
      await olympus?.close();
      await smtp?.close();
    });

    test('the code parsed from the received mail finishes the recovery', { timeout: 30_000 }, async () => {
      const email = freshEmail();
      await new IdentityApi(new Configuration({ basePath: olympus.adminUrl })).createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email } } });
      const api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
      const arrival = smtp.nextMail();
      const flow = await api.createNativeRecoveryFlow();
      await api.updateRecoveryFlow({ flow: flow.id, updateRecoveryFlowBody: { method: 'code', email } });
      const raw = await arrival;
      assert.match(raw, new RegExp(`^To: ${email.replace('.', '\\.')}\r$`, 'm'));
      assert.match(raw, /^Subject: Your account recovery code\r$/m);
      const code = extractCode(raw.slice(raw.indexOf('\r\n\r\n')));
      assert.match(code ?? '', /^\d{6}$/);
      const done = await api.updateRecoveryFlow({ flow: flow.id, updateRecoveryFlowBody: { method: 'code', code: code! } });
      assert.equal(done.state, 'passed_challenge');
      const token = done.continue_with?.find((c) => c.action === 'set_ory_session_token');
      assert.ok(token && token.action === 'set_ory_session_token');
      assert.equal((await api.toSession({ xSessionToken: token.ory_session_token })).identity?.traits.email, email);
    });
  });
}
