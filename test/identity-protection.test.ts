/**
 * Brute-force protection and rate limits on a real server, on SQLite and PostgreSQL (docs/operations/protection.md;
 * docs/security.md ID-6, ID-7): the lockout per identifier answers the same 400 flow
 * for known and unknown identifiers and for the right password; it ends after protection.lockout;
 * a success resets the count; the per-IP threshold; a lock set through the native API also holds on
 * the browser login that serves an OAuth2 login_challenge; registration submissions per IP answer
 * 429 with Retry-After, or the flow with a message for a server-rendered browser; so do recovery
 * codes requested too often for one email address, known or not.
 * Other client addresses come from binding the client socket to 127.0.0.x.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch';
import { REGISTRATIONS_PER_IP } from '@olympus/identity';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser, queryOf } from './support/browser.ts';
import { adminApi } from './support/oauth2.ts';

type Json = Record<string, any>;

const PASSWORD = 'a perfectly long passphrase 7';
const WRONG = 'not the right passphrase';
const LOCKOUT_MS = 3000;
const LOCKED = 4010901;

const freshEmail = (): string => `user-${randomUUID().slice(0, 8)}@example.com`;

/** A JSON or form request from another client address (the socket bound to 127.0.0.x). */
const fromAddress = (localAddress: string, url: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Json }>((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', localAddress, headers: { accept: 'application/json', ...opts.headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text.startsWith('{') ? (JSON.parse(text) as Json) : {} }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`brute-force protection and rate limits (${kind})`, () => {
    let olympus: TestServer;
    let api: FrontendApi;

    before(async () => {
      olympus = await startTestServer(kind, (c) => ({ ...c, protection: { loginFailuresBeforeLockout: 5, lockout: LOCKOUT_MS } }));
      api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
    });
    after(() => olympus?.close());

    const register = async (email = freshEmail()): Promise<string> => {
      const flow = await api.createNativeRegistrationFlow();
      await api.updateRegistrationFlow({ flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD } });
      return email;
    };

    /** One native login; the refused answer's status, body and flow id, or the session token. */
    const login = async (identifier: string, password: string) => {
      const flow = await api.createNativeLoginFlow();
      try {
        const done = await api.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier, password } });
        return { status: 200, body: done as unknown as Json, flowId: flow.id };
      } catch (err) {
        if (!(err instanceof ResponseError)) throw err;
        return { status: err.response.status, body: (await err.response.json()) as Json, flowId: flow.id };
      }
    };
    const messageIds = (answer: { body: Json }): number[] => (answer.body.ui?.messages ?? []).map((m: Json) => m.id);

    /** The flow modulo what differs by construction: its id, times and the echoed identifier. */
    const normalized = (answer: { body: Json; flowId: string }) =>
      JSON.parse(JSON.stringify(answer.body).replaceAll(answer.flowId, 'FLOW').replace(/"value":"[^"]*@example\.com"/g, '"value":"ID"')
        .replace(/"\d{4}-\d\d-\d\dT[^"]+"/g, '"TIME"'));

    test('5 wrong passwords lock the identifier: the 6th attempt, with the right password, gets 400 + 4010901', async () => {
      const email = await register();
      for (let i = 0; i < 5; i++) {
        const wrong = await login(email, WRONG);
        assert.equal(wrong.status, 400);
        assert.deepEqual(messageIds(wrong), [4000006]);
      }
      const locked = await login(email, PASSWORD);
      assert.equal(locked.status, 400);
      assert.deepEqual(messageIds(locked), [LOCKED]);
      assert.equal(locked.body.session_token, undefined);
    });

    test('the lockout answer is the same for an unknown identifier and for a wrong password inside the lockout (ID-6)', async () => {
      const known = await register();
      const unknown = freshEmail();
      for (let i = 0; i < 5; i++) {
        await login(known, WRONG);
        await login(unknown, WRONG);
      }
      const right = await login(known, PASSWORD);
      const wrongInside = await login(known, WRONG);
      const nobody = await login(unknown, PASSWORD);
      for (const answer of [right, wrongInside, nobody]) {
        assert.equal(answer.status, 400);
        assert.deepEqual(messageIds(answer), [LOCKED]);
      }
      assert.deepEqual(normalized(nobody), normalized(right));
      assert.deepEqual(normalized(wrongInside), normalized(right));
    });

    test('after protection.lockout the right password works, and a success resets the count', async () => {
      const email = await register();
      for (let i = 0; i < 5; i++) await login(email, WRONG);
      assert.deepEqual(messageIds(await login(email, PASSWORD)), [LOCKED]);
      await sleep(LOCKOUT_MS + 500);
      const ok = await login(email, PASSWORD);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.ok(ok.body.session_token);
      for (let i = 0; i < 4; i++) await login(email, WRONG);
      const reset = await login(email, PASSWORD);
      assert.equal(reset.status, 200, 'four failures after a success do not lock');
      for (let i = 0; i < 5; i++) assert.deepEqual(messageIds(await login(email, WRONG)), [4000006], 'the count started over at the success');
      assert.deepEqual(messageIds(await login(email, PASSWORD)), [LOCKED]);
    });

    test('a lock set through the native API holds on the browser login that serves an OAuth2 login_challenge (ID-7)', async () => {
      const email = await register();
      for (let i = 0; i < 5; i++) await login(email, WRONG);
      const oauth2 = adminApi(olympus.adminUrl);
      const client = await oauth2.createOAuth2Client({ oAuth2Client: {
        grant_types: ['authorization_code'], response_types: ['code'], scope: 'openid', redirect_uris: ['http://127.0.0.1:9/cb'], token_endpoint_auth_method: 'none',
      } });
      const browser = new Browser();
      const auth = new URL(`${olympus.publicUrl}/oauth2/auth`);
      for (const [k, v] of Object.entries({ client_id: client.client_id!, response_type: 'code', redirect_uri: 'http://127.0.0.1:9/cb', scope: 'openid',
        state: 'state-123456', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })) auth.searchParams.set(k, v);
      const loginChallenge = queryOf((await browser.get(auth.href)).location).get('login_challenge')!;
      const created = await browser.get(`${olympus.publicUrl}/self-service/login/browser?login_challenge=${encodeURIComponent(loginChallenge)}`);
      const flowId = new URL(created.location!).searchParams.get('flow')!;
      const flow = JSON.parse((await browser.get(`${olympus.publicUrl}/self-service/login/flows?id=${flowId}`)).body) as Json;
      const csrf = flow.ui.nodes.find((n: Json) => n.attributes.name === 'csrf_token').attributes.value as string;
      const answer = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flowId}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'password', identifier: email, password: PASSWORD, csrf_token: csrf }).toString(),
      });
      assert.equal(answer.status, 303);
      assert.equal(answer.location, created.location, 'back to the login UI, not on to the OAuth2 flow');
      const shown = JSON.parse((await browser.get(`${olympus.publicUrl}/self-service/login/flows?id=${flowId}`)).body) as Json;
      assert.deepEqual(shown.ui.messages.map((m: Json) => m.id), [LOCKED]);
      assert.equal((await oauth2.getOAuth2LoginRequest({ loginChallenge })).challenge, loginChallenge, 'the login request is still unanswered');
    });

    test('per client IP: 10 × the identifier threshold across any identifiers locks that address only', async () => {
      const email = await register();
      const sprayer = '127.0.0.2';
      const nativeLogin = async (address: string, identifier: string, password: string) => {
        const flow = await fromAddress(address, `${olympus.publicUrl}/self-service/login/api`);
        return fromAddress(address, `${olympus.publicUrl}/self-service/login?flow=${flow.body.id}`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'password', identifier, password }),
        });
      };
      for (let i = 0; i < 50; i++) {
        const guess = await nativeLogin(sprayer, freshEmail(), WRONG);
        assert.deepEqual(guess.body.ui.messages.map((m: Json) => m.id), [4000006], `guess ${i + 1}`);
      }
      const blocked = await nativeLogin(sprayer, email, PASSWORD);
      assert.equal(blocked.status, 400);
      assert.deepEqual(blocked.body.ui.messages.map((m: Json) => m.id), [LOCKED]);
      const elsewhere = await nativeLogin('127.0.0.3', email, PASSWORD);
      assert.equal(elsewhere.status, 200, 'the same account from another address is not locked');
      const line = olympus.logs.find((l) => l.msg === 'login lockout started' && l.scope === 'ip');
      assert.equal(line?.ip, sprayer);
    });

    test('registration submissions per IP: 429 too_many_requests with Retry-After, or the flow with a message for a browser', async () => {
      const address = '127.0.0.4';
      const flow = await fromAddress(address, `${olympus.publicUrl}/self-service/registration/api`);
      const submit = (flowId: string, headers: Record<string, string>, body: string) =>
        fromAddress(address, `${olympus.publicUrl}/self-service/registration?flow=${flowId}`, { method: 'POST', headers, body });
      const incomplete = JSON.stringify({ method: 'password', traits: { email: freshEmail() } });
      for (let i = 0; i < REGISTRATIONS_PER_IP.limit; i++) {
        assert.equal((await submit(flow.body.id, { 'content-type': 'application/json' }, incomplete)).status, 400, `submission ${i + 1}`);
      }
      const refused = await submit(flow.body.id, { 'content-type': 'application/json' }, incomplete);
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.id, 'too_many_requests');
      assert.equal(refused.body.error.code, 429);
      const retryAfter = Number(refused.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= REGISTRATIONS_PER_IP.windowMs / 1000, `Retry-After: ${refused.headers['retry-after']}`);
      assert.equal(refused.body.error.details.retry_after_seconds, retryAfter);

      const page = await fromAddress(address, `${olympus.publicUrl}/self-service/registration/browser`, { headers: { accept: 'text/html' } });
      assert.equal(page.status, 303);
      const browserFlowId = new URL(String(page.headers.location)).searchParams.get('flow')!;
      const form = await submit(browserFlowId, { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, 'method=password&traits.email=x%40example.com');
      assert.equal(form.status, 303);
      assert.equal(form.headers.location, page.headers.location, 'back to the registration UI of the same flow');
      const shown = (await fromAddress(address, `${olympus.publicUrl}/self-service/registration/flows?id=${browserFlowId}`)).body;
      assert.deepEqual(shown.ui.messages.map((m: Json) => m.id), [4000901]);
      const other = await fromAddress('127.0.0.5', `${olympus.publicUrl}/self-service/registration/api`);
      assert.equal((await fromAddress('127.0.0.5', `${olympus.publicUrl}/self-service/registration?flow=${other.body.id}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: incomplete,
      })).status, 400, 'another address is not limited');
    });

    test('recovery codes per email address: the 6th request in 15 minutes is 429, the same for an address without an account', async () => {
      const requestCode = async (email: string) => {
        const flow = (await fromAddress('127.0.0.6', `${olympus.publicUrl}/self-service/recovery/api`)).body;
        return fromAddress('127.0.0.6', `${olympus.publicUrl}/self-service/recovery?flow=${flow.id}`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'code', email }),
        });
      };
      const known = await register();
      const stranger = freshEmail();
      for (const email of [known, stranger]) {
        for (let i = 0; i < 5; i++) assert.equal((await requestCode(email)).status, 200, `request ${i + 1} for ${email}`);
      }
      const [knownRefused, strangerRefused] = [await requestCode(known), await requestCode(stranger)];
      for (const refused of [knownRefused, strangerRefused]) {
        assert.equal(refused.status, 429);
        assert.equal(refused.body.error.id, 'too_many_requests');
        assert.ok(Number(refused.headers['retry-after']) > 0);
      }
      assert.deepEqual(Object.keys(knownRefused.body.error).sort(), Object.keys(strangerRefused.body.error).sort());
      assert.equal(knownRefused.body.error.message, strangerRefused.body.error.message);

      const browser = new Browser();
      const created = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/recovery/browser`, { headers: { accept: 'application/json' } })).body) as Json;
      const csrf = created.ui.nodes.find((n: Json) => n.attributes.name === 'csrf_token').attributes.value as string;
      const form = await browser.request(`${olympus.publicUrl}/self-service/recovery?flow=${created.id}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'code', email: known, csrf_token: csrf }).toString(),
      });
      assert.equal(form.status, 303);
      assert.equal(new URL(form.location!).searchParams.get('flow'), created.id, 'back to the same recovery flow');
      const shown = JSON.parse((await browser.get(`${olympus.publicUrl}/self-service/recovery/flows?id=${created.id}`)).body) as Json;
      assert.deepEqual(shown.ui.messages.map((m: Json) => m.id), [4000901]);
    });
  });
}
