/**
 * The fourteen broken setups developers lose days to (docs/troubleshooting/tracing-a-login.md), each
 * scripted against a real server on both databases and explained by `olympus trace` run as its own
 * process: given the id the developer actually sees (the error page's id, the response's X-Request-Id
 * or the challenge in the URL), it must name the failing stop, a stable cause code and the fix, or for
 * a flow that went on the notice that explains the surprise.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { Browser, queryOf, type Hop } from './support/browser.ts';
import { authorizeUrl, basic, createClient, pkcePair, tokenRequest } from './support/flow.ts';
import { signInAt, signInUntilConsent, startAtHera, type WalkTarget } from './support/hera-walk.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { traceCli, type Finding } from './support/trace-cli.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const PUBLIC = 'broken-public';
const CONFIDENTIAL = 'broken-basic';
const SECRET = 'broken-basic-secret-0123456789';

const codeAt = (page: string, id: string): string => {
  const value = new RegExp(`<code id="${id}">([^<]+)</code>`).exec(page)?.[1];
  assert.ok(value, `the page shows #${id}`);
  return value;
};
const requestIdOf = (hop: { headers: Headers }): string => hop.headers.get('x-request-id') ?? assert.fail('every response names its request');

const PASSWORD = 'a-long-passphrase-for-aal-1';

/** An authorization started in `browser`; answers the login challenge its redirect to the login UI carries. */
const loginChallenge = async (olympus: TestServer, browser = new Browser()) => {
  const start = await browser.get(authorizeUrl(olympus.publicUrl, {
    client_id: PUBLIC, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'state-123456',
    code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
  }));
  const challenge = queryOf(start.location).get('login_challenge') ?? assert.fail(`a login challenge: ${start.location}`);
  return { browser, challenge };
};

/** A native session (aal1) of a new identity that then gains a second factor: whoami at highest_available refuses it. */
const aal1SessionOfSecondFactorUser = async (olympus: TestServer): Promise<string> => {
  const flow = await (await fetch(`${olympus.publicUrl}/self-service/registration/api`)).json() as { id: string };
  const res = await fetch(`${olympus.publicUrl}/self-service/registration?flow=${flow.id}`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ method: 'password', traits: { email: `aal-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com` }, password: PASSWORD }),
  });
  const body = await res.json() as { session_token?: string; identity?: { id: string } };
  assert.ok(body.session_token && body.identity, JSON.stringify(body));
  const identities = olympus.server.identity.storage.identities;
  const stored = (await identities.getIdentity(body.identity.id))!;
  const now = new Date().toISOString();
  await identities.updateIdentity({
    ...stored, credentials: { ...stored.credentials, totp: { type: 'totp', identifiers: [stored.id], version: 0, config: {}, created_at: now, updated_at: now } },
  });
  return body.session_token;
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`olympus trace explains the broken setups (${kind})`, () => {
    let olympus: TestServer;
    let target: WalkTarget;

    /** Runs `olympus trace <id> --format json` and answers the first failure (or the notices) of the one trace it found. */
    const explain = async (id: string) => {
      await olympus.server.traces!.flush();
      return traceCli(olympus.adminUrl, id);
    };
    const assertFailure = (found: Finding | undefined, stop: string, cause: string, fix: RegExp): Finding => {
      assert.ok(found, `a failure was found (${cause})`);
      assert.equal(found.stop, stop);
      assert.equal(found.cause, cause);
      assert.match(found.fix, fix);
      assert.match(found.doc_page, /^docs\/troubleshooting\/[\w-]+\.md#cause-/);
      return found;
    };
    const evidenceOf = (found: Finding, label: string): string => found.evidence.find((e) => e.label === label)?.value ?? assert.fail(`evidence "${label}" in ${JSON.stringify(found.evidence)}`);

    before(async () => {
      // whoami asks for the highest AAL an identity has (setup 9); nothing else here depends on it.
      olympus = await startTestServer(kind, (c) => ({ ...c, session: { ...c.session, whoamiRequiredAal: 'highest_available' } }));
      await ensureDemoIdentity(olympus.server.identity);
      await createClient(olympus.adminUrl, {
        client_id: PUBLIC, client_name: 'Broken Public', token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT],
        scope: 'openid email profile offline_access', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      });
      await createClient(olympus.adminUrl, {
        client_id: CONFIDENTIAL, client_secret: SECRET, client_name: 'Broken Basic', token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [REDIRECT], scope: 'openid api', grant_types: ['client_credentials'], response_types: ['code'],
      });
      target = { publicUrl: olympus.publicUrl, clientId: PUBLIC, redirectUri: REDIRECT, scope: 'openid offline_access' };
    });
    after(async () => olympus?.close());

    const authorize = (params: Record<string, string>) => new Browser().get(authorizeUrl(olympus.publicUrl, {
      response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'state-123456', code_challenge: pkcePair().challenge, code_challenge_method: 'S256', ...params,
    }));

    /** Signs the demo user in through Hera, allows consent, and answers the code, the verifier and the browser. */
    const login = async (browser = new Browser(), scope = target.scope) => {
      const { consent, verifier } = await signInUntilConsent(browser, { ...target, scope }, DEMO_EMAIL, DEMO_PASSWORD);
      const allowed = consent.status === 303 ? consent : await allow(browser, consent);
      const code = queryOf((await browser.get(allowed.location!)).location).get('code') ?? assert.fail('a code');
      return { browser, code, verifier, consent };
    };
    const allow = (browser: Browser, consent: Hop) => browser.request(`${olympus.publicUrl}/consent`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        consent_challenge: new URL(consent.url).searchParams.get('consent_challenge')!,
        csrf_token: /name="csrf_token" value="([^"]+)"/.exec(consent.body)![1]!, decision: 'allow', remember: 'true',
      }),
    });
    const exchange = (code: string, verifier: string) =>
      tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: PUBLIC, code_verifier: verifier });

    test('1. an unknown client_id: the error page\'s id names authorize, client_unknown', async () => {
      const page = await authorize({ client_id: 'no-such-app' });
      assert.equal(page.status, 401, 'invalid_client, shown as a page: no redirect to an unknown client');
      const found = assertFailure((await explain(codeAt(page.body, 'error-id'))).failure, 'authorize', 'client_unknown', /olympus create oauth2-client/);
      assert.equal(evidenceOf(found, 'client id sent'), 'no-such-app');
      assert.equal(evidenceOf(found, 'client registered'), 'no');
    });

    test('2. a redirect URI one trailing slash off: the error page\'s id names redirect_uri_mismatch and shows the difference', async () => {
      const page = await authorize({ client_id: PUBLIC, redirect_uri: `${REDIRECT}/` });
      assert.equal(page.status, 400);
      const found = assertFailure((await explain(codeAt(page.body, 'error-id'))).failure, 'authorize', 'redirect_uri_mismatch', /redirect/i);
      assert.match(JSON.stringify(found.evidence), /trailing slash/);
      assert.match(JSON.stringify(found.evidence), new RegExp(REDIRECT.replaceAll('/', '\\/').replaceAll('.', '\\.')));
    });

    test('3. a client without the requested grant type: the token response\'s request id names grant_type_not_allowed', async () => {
      const res = await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials', client_id: PUBLIC });
      assert.ok(res.status >= 400, JSON.stringify(res.body));
      assertFailure((await explain(requestIdOf(res))).failure, 'token_exchange', 'grant_type_not_allowed', /grant-type/);
    });

    test('4. no PKCE challenge: the redirect\'s request id names authorize, pkce_missing', async () => {
      const hop = await new Browser().get(authorizeUrl(olympus.publicUrl, { client_id: PUBLIC, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'state-123456' }));
      assert.equal(queryOf(hop.location).get('error'), 'invalid_request');
      assertFailure((await explain(requestIdOf(hop))).failure, 'authorize', 'pkce_missing', /code_challenge/);
    });

    test('5. a PKCE verifier that does not match: the token response\'s id names pkce_verifier_mismatch, in the login\'s own trace', async () => {
      const { code } = await login();
      const res = await exchange(code, pkcePair().verifier);
      assert.equal(res.body.error, 'invalid_grant');
      const answer = await explain(requestIdOf(res));
      assertFailure(answer.failure, 'token_exchange', 'pkce_verifier_mismatch', /verifier/);
      assert.ok(answer.stops.includes('login_submitted') && answer.stops.includes('code_issued'), `one chain from the login: ${answer.stops}`);
    });

    test('6. a code redeemed twice: the second exchange names code_reused and that the grant was revoked', async () => {
      const { code, verifier } = await login();
      assert.equal((await exchange(code, verifier)).status, 200);
      const again = await exchange(code, verifier);
      assert.equal(again.body.error, 'invalid_grant');
      const found = assertFailure((await explain(requestIdOf(again))).failure, 'token_exchange', 'code_reused', /once/);
      assert.match(JSON.stringify(found.evidence), /revoked/i);
    });

    test('7. client_secret_post sent by a client registered for client_secret_basic: client_auth_method_mismatch', async () => {
      const res = await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials', client_id: CONFIDENTIAL, client_secret: SECRET });
      assert.equal(res.body.error, 'invalid_client');
      const found = assertFailure((await explain(requestIdOf(res))).failure, 'token_exchange', 'client_auth_method_mismatch', /client_secret_basic|token-endpoint-auth-method/);
      assert.match(JSON.stringify(found.evidence), /client_secret_post/);
      assert.equal((await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials' }, { authorization: basic(CONFIDENTIAL, SECRET) })).status, 200, 'the registered way works');
    });

    test('8. a CSRF violation: the form posted without the CSRF cookie; the error page\'s id names csrf_cookie_missing', async () => {
      const browser = new Browser();
      const { hera } = await startAtHera(browser, target);
      const flowStart = await browser.get(new URL(hera.location!, olympus.publicUrl).toString());
      const flowId = new URL(flowStart.location!, olympus.publicUrl).searchParams.get('flow')!;
      const flow = JSON.parse((await browser.request(`${olympus.publicUrl}/self-service/login/flows?id=${flowId}`, { headers: { accept: 'application/json' } })).body);
      const csrf = flow.ui.nodes.find((n: { attributes: { name?: string } }) => n.attributes.name === 'csrf_token').attributes.value as string;
      // Another browser (a form served from another domain): the CSRF cookie never reaches the server.
      const stranger = new Browser();
      const refused = await stranger.request(`${olympus.publicUrl}/self-service/login?flow=${flowId}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://app.example' },
        body: new URLSearchParams({ method: 'password', identifier: DEMO_EMAIL, password: DEMO_PASSWORD, csrf_token: csrf }),
      });
      assert.match(refused.location ?? '', /\/error\?id=/, refused.body);
      const page = await stranger.get(new URL(refused.location!, olympus.publicUrl).toString());
      const found = assertFailure((await explain(codeAt(page.body, 'error-id'))).failure, 'login_submitted', 'csrf_cookie_missing', /domain|SameSite|site/i);
      assert.match(JSON.stringify(found.evidence), /app\.example/);
    });

    test('9. a session whose AAL is below what whoami requires: the response\'s id names session_aal_too_low', async () => {
      const token = await aal1SessionOfSecondFactorUser(olympus);
      const refused = await fetch(`${olympus.publicUrl}/sessions/whoami`, { headers: { 'x-session-token': token } });
      assert.equal(refused.status, 403);
      const found = assertFailure((await explain(requestIdOf(refused))).failure, 'whoami', 'session_aal_too_low', /aal2/);
      assert.match(JSON.stringify(found.evidence), /aal1/);
    });

    test('10. consent shown to a client thought trusted: the consent challenge names consent_not_skipped and which facts held', async () => {
      // A client of its own: no remembered consent of the other setups applies to it.
      const { client_id: clientId } = await createClient(olympus.adminUrl, {
        client_name: 'Thought Trusted', token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT], scope: 'openid',
        grant_types: ['authorization_code'], response_types: ['code'],
      });
      const { consent } = await signInUntilConsent(new Browser(), { ...target, clientId, scope: 'openid' }, DEMO_EMAIL, DEMO_PASSWORD);
      assert.equal(consent.status, 200, 'Hera shows the consent page');
      const answer = await explain(new URL(consent.url).searchParams.get('consent_challenge')!);
      const notice = answer.notices.find((n) => n.cause === 'consent_not_skipped') ?? assert.fail(JSON.stringify(answer.notices));
      assert.equal(notice.stop, 'consent_shown');
      assert.match(JSON.stringify(notice.evidence), /first.party[^}]*no|skip_consent/i);
      assert.match(notice.fix, /skip-consent|first_party_clients/);
    });

    test('11. a claim missing from the ID token: the token response\'s id names claim_missing, the scope not requested', async () => {
      const { code, verifier } = await login(new Browser(), 'openid');
      const res = await exchange(code, verifier);
      assert.equal(res.status, 200);
      const answer = await explain(requestIdOf(res));
      assert.equal(answer.failure, undefined);
      const notice = answer.notices.find((n) => n.cause === 'claim_missing' && /email/.test(n.summary)) ?? assert.fail(JSON.stringify(answer.notices));
      assert.match(notice.summary, /not requested/);
      assert.match(notice.fix, /scope=openid email/);
    });

    test('12b. a login challenge accepted twice by a custom login UI: the challenge names login_challenge_reused', async () => {
      const { challenge } = await loginChallenge(olympus);
      const accept = () => fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/login/accept?login_challenge=${challenge}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'custom-ui-user' }),
      });
      assert.equal((await accept()).status, 200);
      assert.equal((await accept()).status, 410);
      assertFailure((await explain(challenge)).failure, 'login_accepted', 'login_challenge_reused', /once|redirect_to/);
    });

    test('13. the skip-login loop: a custom UI given skip=true shows a form and reads the request again: skip_not_accepted', async () => {
      const subject = `loop-${kind}`;
      const first = await loginChallenge(olympus);
      await fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/login/accept?login_challenge=${first.challenge}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject, remember: true, remember_for: 3600 }),
      }).then(async (res) => first.browser.get((await res.json() as { redirect_to: string }).redirect_to));
      const second = await loginChallenge(olympus, first.browser);
      const read = () => fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/login?login_challenge=${second.challenge}`).then((r) => r.json() as Promise<{ skip: boolean }>);
      assert.equal((await read()).skip, true, 'the login request says skip');
      await read(); // the UI showed its form and, on the next page load, asked again
      assertFailure((await explain(second.challenge)).failure, 'login_request', 'skip_not_accepted', /accept/);
    });

    test('14. a refresh token used twice: the second refresh names refresh_token_reused, its first use and the family revoked', async () => {
      const { code, verifier } = await login();
      const tokens = await exchange(code, verifier);
      const refresh = { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token!, client_id: PUBLIC };
      assert.equal((await tokenRequest(olympus.publicUrl, refresh)).status, 200);
      const again = await tokenRequest(olympus.publicUrl, refresh);
      assert.equal(again.body.error, 'invalid_grant');
      const found = assertFailure((await explain(requestIdOf(again))).failure, 'refresh', 'refresh_token_reused', /refresh/);
      assert.match(JSON.stringify(found.evidence), /first used/i);
      assert.match(JSON.stringify(found.evidence), /revoked/i);
    });
  });
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`olympus trace explains a login challenge that expired while the user idled (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      // Challenges live 1.5 s here, so the test can idle past one.
      olympus = await startTestServer(kind, (c) => ({ ...c, ttl: { ...c.ttl, loginConsentRequest: 1500 } }));
      await createClient(olympus.adminUrl, {
        client_id: PUBLIC, token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT], scope: 'openid', grant_types: ['authorization_code'], response_types: ['code'],
      });
    });
    after(async () => olympus?.close());

    test('12a. the challenge in the URL names login_challenge_expired at the accept that came too late', async () => {
      const { challenge } = await loginChallenge(olympus);
      await new Promise((resolve) => setTimeout(resolve, 1800));
      const late = await fetch(`${olympus.adminUrl}/admin/oauth2/auth/requests/login/accept?login_challenge=${challenge}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'idle-user' }),
      });
      assert.equal(late.status, 410);
      await olympus.server.traces!.flush();
      const found = (await traceCli(olympus.adminUrl, challenge)).failure;
      assert.equal(found?.stop, 'login_accepted');
      assert.equal(found?.cause, 'login_challenge_expired');
      assert.match(found!.fix, /ttl|restart/i);
    });
  });
}
