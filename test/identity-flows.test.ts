/**
 * Self-service login and registration through @ory/client-fetch's FrontendApi and a cookie-jar
 * browser, on a real port, on SQLite and PostgreSQL (docs/compatibility.md §2.1, §2.3, §2.4;
 * docs/security.md ID-6, ID-8, ID-10, ID-11, AS-7). Logout: identity-logout-flows.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Configuration, FrontendApi, type LoginFlow } from '@ory/client-fetch';
import * as oidc from 'openid-client';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser, queryOf } from './support/browser.ts';
import { adminApi } from './support/oauth2.ts';
import { failure } from './support/refused.ts';
import { PASSWORD, csrfTokenOf, freshEmail, selfService } from './support/self-service.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';

type Json = Record<string, any>;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`self-service flows (${kind})`, () => {
    let olympus: TestServer;
    let api: FrontendApi;

    before(async () => {
      olympus = await startTestServer(kind);
      api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
    });
    after(() => olympus?.close());

    const { registerNatively, loginNatively, browserLoginFlow, submitJson } = selfService(() => olympus.publicUrl);

    test('native registration with a password answers the identity, a session and its session_token', async () => {
      const { email, done } = await registerNatively();
      assert.ok(done.session_token && done.session_token.length >= 43, 'a 256-bit session token');
      assert.equal(done.identity.traits.email, email);
      assert.equal(done.session?.identity?.id, done.identity.id);
      assert.equal(done.session?.authentication_methods?.[0]?.method, 'password');
      assert.equal(done.identity.credentials, undefined, 'credentials never leave through the public API');
    });

    test('native login answers a session_token that toSession accepts as X-Session-Token', async () => {
      const { email, done } = await registerNatively();
      const login = await loginNatively(email);
      assert.ok(login.session_token);
      assert.notEqual(login.session_token, done.session_token, 'every login issues a new session');
      assert.notEqual(login.session.id, done.session?.id);
      const session = await api.toSession({ xSessionToken: login.session_token });
      assert.equal(session.id, login.session.id);
      assert.equal(session.identity?.id, done.identity.id);
      assert.equal(session.authenticator_assurance_level, 'aal1');
      const bearer = await fetch(`${olympus.publicUrl}/sessions/whoami`, { headers: { authorization: `Bearer ${login.session_token}` } });
      assert.equal(bearer.status, 200);
      assert.equal(bearer.headers.get('x-kratos-authenticated-identity-id'), done.identity.id);
    });

    test('a browser login flow: create with Accept JSON, get, submit with the csrf_token → session cookie', async () => {
      const { email } = await registerNatively();
      const browser = new Browser();
      const created = await browserLoginFlow(browser);
      assert.equal(created.type, 'browser');
      const url = new URL(`${olympus.publicUrl}/self-service/login/flows`);
      const fetched: LoginFlow = await api.getLoginFlow({ id: created.id, cookie: browser.cookieHeader(url) });
      assert.equal(fetched.id, created.id);
      assert.equal(fetched.ui.action, `${olympus.publicUrl}/self-service/login?flow=${created.id}`);
      const answer = await submitJson(browser, created.id, { method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(fetched) });
      assert.equal(answer.status, 200, answer.body);
      const body = JSON.parse(answer.body) as Json;
      assert.equal(body.session.identity.traits.email, email);
      assert.equal(body.session_token, undefined, 'browsers get a cookie, not a token');
      const setCookie = answer.headers.getSetCookie().find((c) => c.startsWith('olympus_session='));
      assert.ok(setCookie, 'the session cookie is set');
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Lax/);
      const session = await api.toSession({ cookie: browser.cookieHeader(new URL(`${olympus.publicUrl}/sessions/whoami`)) });
      assert.equal(session.id, body.session.id);
    });

    test('a submit without the CSRF cookie → 403 security_csrf_violation, reject_reason cookie_missing', async () => {
      const { email } = await registerNatively();
      const browser = new Browser();
      const flow = await browserLoginFlow(browser);
      browser.jar.delete('olympus_csrf');
      const answer = await submitJson(browser, flow.id, { method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) });
      assert.equal(answer.status, 403);
      const { error } = JSON.parse(answer.body) as Json;
      assert.equal(error.id, 'security_csrf_violation');
      assert.equal(error.details.reject_reason, 'cookie_missing');
      assert.match(error.details.hint, /credentials: "include"/);
      assert.match(error.details.hint, /127\.0\.0\.1/);
    });

    test('a submit without the token, or with the token of another browser, is refused with its reason', async () => {
      const { email } = await registerNatively();
      const browser = new Browser();
      const flow = await browserLoginFlow(browser);
      const missing = await submitJson(browser, flow.id, { method: 'password', identifier: email, password: PASSWORD });
      assert.equal(missing.status, 403);
      assert.equal((JSON.parse(missing.body) as Json).error.details.reject_reason, 'token_missing');
      const other = new Browser();
      await browserLoginFlow(other);
      const stolen = await submitJson(other, flow.id, { method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) });
      assert.equal(stolen.status, 403);
      assert.equal((JSON.parse(stolen.body) as Json).error.details.reject_reason, 'token_mismatch');
    });

    test('a wrong password and an unknown identifier get the same 400 with message 4000006', async () => {
      const { email } = await registerNatively();
      const refused = async (identifier: string) => {
        const flow = await api.createNativeLoginFlow();
        const { status, body } = await failure(api.updateLoginFlow({
          flow: flow.id, updateLoginFlowBody: { method: 'password', identifier, password: 'not the right passphrase' },
        }));
        return { status, body, flowId: flow.id };
      };
      const wrong = await refused(email);
      const unknown = await refused(freshEmail());
      assert.equal(wrong.status, 400);
      assert.deepEqual(wrong.body.ui.messages.map((m: Json) => m.id), [4000006]);
      // Same answer modulo the flow's own id, times and the echoed identifier (ID-6).
      const normalize = (r: typeof wrong) =>
        JSON.parse(JSON.stringify(r.body).replaceAll(r.flowId, 'FLOW').replace(/"value":"[^"]*@example\.com"/g, '"value":"ID"')
          .replace(/"\d{4}-\d\d-\d\dT[^"]+"/g, '"TIME"'));
      assert.deepEqual(normalize(unknown), normalize(wrong));
      assert.equal(unknown.status, wrong.status);
    });

    test('a common password is refused at registration with message 4000034 on the password node', async () => {
      const flow = await api.createNativeRegistrationFlow();
      const { status, body } = await failure(api.updateRegistrationFlow({
        flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email: freshEmail() }, password: 'password123' },
      }));
      assert.equal(status, 400);
      const node = body.ui.nodes.find((n: Json) => n.attributes.name === 'password');
      assert.deepEqual(node.messages.map((m: Json) => m.id), [4000034]);
      const email = body.ui.nodes.find((n: Json) => n.attributes.name === 'traits.email');
      assert.match(email.attributes.value, /@example\.com$/, 'typed traits are kept; the password is not echoed');
      assert.equal(node.attributes.value, undefined);
    });

    test('a duplicate email at registration is 4000007; invalid traits name their node', async () => {
      const { email } = await registerNatively();
      const flow = await api.createNativeRegistrationFlow();
      const dup = await failure(api.updateRegistrationFlow({
        flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email }, password: PASSWORD },
      }));
      assert.equal(dup.status, 400);
      assert.deepEqual(dup.body.ui.messages.map((m: Json) => m.id), [4000007]);
      const bad = await failure(api.updateRegistrationFlow({
        flow: flow.id, updateRegistrationFlowBody: { method: 'password', traits: { email: 'not-an-email' }, password: PASSWORD },
      }));
      const node = bad.body.ui.nodes.find((n: Json) => n.attributes.name === 'traits.email');
      assert.deepEqual(node.messages.map((m: Json) => m.id), [4000004]);
    });

    test('server-rendered browsers get 303s: to the UI on create and on refused input, to return_to on success', async () => {
      const { email } = await registerNatively();
      const browser = new Browser();
      const created = await browser.get(`${olympus.publicUrl}/self-service/login/browser?return_to=${encodeURIComponent(`${olympus.publicUrl}/welcome`)}`);
      assert.equal(created.status, 303);
      const flowId = new URL(created.location!).searchParams.get('flow')!;
      assert.equal(created.location, `${olympus.config.selfservice.flows.login.uiUrl}?flow=${flowId}`);
      const flow = JSON.parse((await browser.get(`${olympus.publicUrl}/self-service/login/flows?id=${flowId}`)).body) as Json;
      const post = (password: string) => browser.request(`${olympus.publicUrl}/self-service/login?flow=${flowId}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'password', identifier: email, password, csrf_token: csrfTokenOf(flow) }).toString(),
      });
      const wrong = await post('not the right passphrase');
      assert.equal(wrong.status, 303);
      assert.equal(wrong.location, created.location);
      const ok = await post(PASSWORD);
      assert.equal(ok.status, 303);
      assert.equal(ok.location, `${olympus.publicUrl}/welcome`);
      assert.ok(browser.jar.has('olympus_session'));
    });

    test('registration in a browser sets the session cookie too and continues to the verification form of the mailed code', async () => {
      const browser = new Browser();
      const created = await browser.request(`${olympus.publicUrl}/self-service/registration/browser`, { headers: { accept: 'application/json' } });
      const flow = JSON.parse(created.body) as Json;
      const answer = await browser.request(`${olympus.publicUrl}/self-service/registration?flow=${flow.id}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'password', 'traits.email': freshEmail(), password: PASSWORD, csrf_token: csrfTokenOf(flow) }).toString(),
      });
      assert.equal(answer.status, 303, answer.body);
      const next = new URL(answer.location!);
      assert.equal(next.origin + next.pathname, olympus.config.selfservice.flows.verification.uiUrl);
      const verification = await browser.request(`${olympus.publicUrl}/self-service/verification/flows?id=${next.searchParams.get('flow')}`, { headers: { accept: 'application/json' } });
      assert.equal((JSON.parse(verification.body) as Json).state, 'sent_email', 'the code was mailed for this flow');
      const whoami = await browser.get(`${olympus.publicUrl}/sessions/whoami`);
      assert.equal(whoami.status, 200);
    });

    test('return_to outside the allow-list is refused with 400 self_service_flow_return_to_forbidden (AS-7)', async () => {
      for (const target of ['//evil.example', '/\\evil.example', 'https:evil.example', 'https://allowed.example.evil.com', 'javascript:alert(1)']) {
        const res = await fetch(`${olympus.publicUrl}/self-service/login/api?return_to=${encodeURIComponent(target)}`);
        assert.equal(res.status, 400, target);
        assert.equal(((await res.json()) as Json).error.id, 'self_service_flow_return_to_forbidden', target);
      }
      const ok = await fetch(`${olympus.publicUrl}/self-service/login/api?return_to=${encodeURIComponent('/dashboard')}`);
      assert.equal(((await ok.json()) as Json).return_to, `${olympus.publicUrl}/dashboard`);
    });

    test('a browser whose form post hits an error is sent to the error UI, and the error can be fetched by its id', async () => {
      const res = await new Browser().get(`${olympus.publicUrl}/self-service/login/browser?return_to=${encodeURIComponent('https://evil.example/')}`);
      assert.equal(res.status, 303);
      const location = new URL(res.location!);
      assert.equal(`${location.origin}${location.pathname}`, olympus.config.selfservice.flows.error.uiUrl);
      const error = await api.getFlowError({ id: location.searchParams.get('id')! });
      assert.equal((error.error as Json).id, 'self_service_flow_return_to_forbidden');
      assert.equal((error.error as Json).code, 400);
      const forged = await failure(api.getFlowError({ id: 'v1.forged' }));
      assert.equal(forged.status, 404);
    });

    test('an expired flow answers 410 with use_flow_id, a fresh flow that works', async () => {
      const { email } = await registerNatively();
      const flow = await api.createNativeLoginFlow();
      const stored = (await olympus.server.identity.storage.flows.getFlow(flow.id))!;
      await olympus.server.identity.storage.flows.updateFlow({ ...stored, expiresAt: Date.now() - 60_000 });
      const { status, body } = await failure(api.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD } }));
      assert.equal(status, 410);
      assert.equal(body.error.id, 'self_service_flow_expired');
      assert.ok(body.use_flow_id && body.use_flow_id !== flow.id);
      const next = await api.getLoginFlow({ id: body.use_flow_id });
      assert.equal(next.ui.messages?.[0]?.id, 4010001);
      const login = await api.updateLoginFlow({ flow: body.use_flow_id, updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD } });
      assert.ok(login.session_token);
    });

    test('with a session, a new login is session_already_available; refresh=true re-authenticates into a new session (ID-8)', async () => {
      const { email, done } = await registerNatively();
      const token = done.session_token!;
      const already = await failure(api.createNativeLoginFlow({ xSessionToken: token }));
      assert.equal(already.status, 400);
      assert.equal(already.body.error.id, 'session_already_available');
      const flow = await api.createNativeLoginFlow({ refresh: true, xSessionToken: token });
      assert.equal(flow.refresh, true);
      assert.equal(flow.ui.messages?.[0]?.id, 1010003);
      const again = await api.updateLoginFlow({ flow: flow.id, xSessionToken: token, updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD } });
      assert.notEqual(again.session.id, done.session?.id);
      const old = await failure(api.toSession({ xSessionToken: token }));
      assert.equal(old.status, 401, 'the session the re-authentication replaced is dead');
      assert.equal((await api.toSession({ xSessionToken: again.session_token })).id, again.session.id);
    });

    test('a planted session cookie is never promoted: the login sets a different one and the planted value stays dead (ID-8)', async () => {
      const { email } = await registerNatively();
      const browser = new Browser();
      browser.jar.set('olympus_session', { value: 'planted-by-an-attacker', path: '/' });
      const flow = await browserLoginFlow(browser);
      const answer = await submitJson(browser, flow.id, { method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) });
      assert.equal(answer.status, 200);
      assert.notEqual(browser.jar.get('olympus_session')?.value, 'planted-by-an-attacker');
      const planted = await failure(api.toSession({ cookie: 'olympus_session=planted-by-an-attacker' }));
      assert.equal(planted.status, 401);
    });

    test('OAuth2: a login flow with login_challenge logs in, accepts the login request and the code yields sub = identity id', async () => {
      const { email, done } = await registerNatively();
      const oauth2 = adminApi(olympus.adminUrl);
      const client = await oauth2.createOAuth2Client({ oAuth2Client: {
        grant_types: ['authorization_code'], response_types: ['code'], scope: 'openid', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_basic',
      } });
      const rp = await oidc.discovery(new URL(olympus.publicUrl), client.client_id!, undefined, oidc.ClientSecretBasic(client.client_secret!), { execute: [oidc.allowInsecureRequests] });
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const browser = new Browser();
      const start = await browser.get(oidc.buildAuthorizationUrl(rp, {
        redirect_uri: REDIRECT, scope: 'openid', state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      }).href);
      const loginChallenge = queryOf(start.location).get('login_challenge')!;
      const created = await browser.request(`${olympus.publicUrl}/self-service/login/browser?login_challenge=${encodeURIComponent(loginChallenge)}`, { headers: { accept: 'application/json' } });
      const flow = JSON.parse(created.body) as Json;
      assert.equal(flow.oauth2_login_challenge, loginChallenge);
      assert.equal(flow.oauth2_login_request.challenge, loginChallenge);
      assert.equal(flow.oauth2_login_request.client.client_id, client.client_id);
      const answer = await submitJson(browser, flow.id, { method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) });
      assert.equal(answer.status, 422, 'an SPA must navigate to continue the OAuth2 flow');
      const body = JSON.parse(answer.body) as Json;
      assert.equal(body.error.id, 'browser_location_change_required');
      const handled = await failure(oauth2.getOAuth2LoginRequest({ loginChallenge }));
      assert.equal(handled.status, 410, 'the identity server accepted the login request itself');
      const afterLogin = await browser.get(body.redirect_browser_to);
      const consentChallenge = queryOf(afterLogin.location).get('consent_challenge')!;
      const consent = await oauth2.getOAuth2ConsentRequest({ consentChallenge });
      assert.equal(consent.subject, done.identity.id);
      assert.deepEqual(consent.amr, ['pwd']);
      const granted = await oauth2.acceptOAuth2ConsentRequest({ consentChallenge, acceptOAuth2ConsentRequest: { grant_scope: ['openid'] } });
      const callback = await browser.get(granted.redirect_to);
      const tokens = await oidc.authorizationCodeGrant(rp, new URL(callback.location!), { pkceCodeVerifier: verifier, expectedState: state, idTokenExpected: true });
      assert.equal(tokens.claims()?.sub, done.identity.id);
      assert.equal(tokens.claims()?.acr, 'aal1');
    });

    test('OAuth2: a server-rendered browser is sent straight on to the OAuth2 flow with a 303', async () => {
      const { email } = await registerNatively();
      const oauth2 = adminApi(olympus.adminUrl);
      const client = await oauth2.createOAuth2Client({ oAuth2Client: {
        grant_types: ['authorization_code'], response_types: ['code'], scope: 'openid', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none',
      } });
      const browser = new Browser();
      const auth = new URL(`${olympus.publicUrl}/oauth2/auth`);
      for (const [k, v] of Object.entries({ client_id: client.client_id!, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'state-123456',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })) auth.searchParams.set(k, v);
      const loginChallenge = queryOf((await browser.get(auth.href)).location).get('login_challenge')!;
      const created = await browser.get(`${olympus.publicUrl}/self-service/login/browser?login_challenge=${encodeURIComponent(loginChallenge)}`);
      const flowId = new URL(created.location!).searchParams.get('flow')!;
      const flow = JSON.parse((await browser.get(`${olympus.publicUrl}/self-service/login/flows?id=${flowId}`)).body) as Json;
      const answer = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flowId}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) }).toString(),
      });
      assert.equal(answer.status, 303);
      assert.ok(queryOf(answer.location).get('login_verifier'), `continues at /oauth2/auth with the login verifier: ${answer.location}`);
    });

    test('a server-rendered browser with a session is sent on to return_to instead of a new login flow', async () => {
      const { email } = await registerNatively();
      const browser = new Browser();
      const flow = await browserLoginFlow(browser);
      await submitJson(browser, flow.id, { method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) });
      const again = await browser.get(`${olympus.publicUrl}/self-service/login/browser?return_to=${encodeURIComponent('/account')}`);
      assert.equal(again.status, 303);
      assert.equal(again.location, `${olympus.publicUrl}/account`);
      const spa = await browser.request(`${olympus.publicUrl}/self-service/login/browser`, { headers: { accept: 'application/json' } });
      assert.equal(spa.status, 400);
      assert.equal((JSON.parse(spa.body) as Json).error.id, 'session_already_available');
    });

    test('an expired browser flow posted as a form is answered with a 303 to the UI of its successor', async () => {
      const browser = new Browser();
      const flow = await browserLoginFlow(browser);
      const stored = (await olympus.server.identity.storage.flows.getFlow(flow.id))!;
      await olympus.server.identity.storage.flows.updateFlow({ ...stored, expiresAt: Date.now() - 1000 });
      const answer = await browser.request(`${olympus.publicUrl}/self-service/login?flow=${flow.id}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'password', identifier: 'x@example.com', password: PASSWORD, csrf_token: csrfTokenOf(flow) }).toString(),
      });
      assert.equal(answer.status, 303);
      const next = new URL(answer.location!).searchParams.get('flow')!;
      assert.notEqual(next, flow.id);
      const successor = JSON.parse((await browser.get(`${olympus.publicUrl}/self-service/login/flows?id=${next}`)).body) as Json;
      assert.equal(successor.type, 'browser');
      assert.notEqual(csrfTokenOf(successor), csrfTokenOf(flow), 'the successor has its own token for this browser');
    });
  });
}
