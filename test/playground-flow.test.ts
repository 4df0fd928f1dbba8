/**
 * The playground's Authorization Code + PKCE run at protocol level (docs/playground.md), on SQLite and
 * PostgreSQL, with the cookie-jar browser and the demo user: the whole run (query and form_post),
 * a state or iss that does not match (✖, and the code is not exchanged), an error answer explained,
 * a confidential client whose secret never reaches a page or a cookie in clear, and a client without
 * the playground's callback, for which the page prints the command that adds it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ensureDemoIdentity } from '@olympus/server';
import { Browser, type Hop } from './support/browser.ts';
import { createClient, tokenRequest } from './support/flow.ts';
import { buildAuthorization, checkStatuses, csrfOf, deliver, postForm, signInToCallback } from './support/playground.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/** A browser that keeps every page and Set-Cookie it received, to search them for secrets. */
class RecordingBrowser extends Browser {
  readonly seen: string[] = [];
  override async request(url: string, init: RequestInit = {}): Promise<Hop> {
    const hop = await super.request(url, init);
    this.seen.push(hop.body, ...hop.headers.getSetCookie(), hop.location ?? '');
    return hop;
  }
}

const cellOf = (body: string, name: string): string => {
  const m = new RegExp(`<th scope="row"><code>${name}</code></th><td><code>([^<]*)</code>`).exec(body);
  assert.ok(m, `the page lists ${name}`);
  return m[1];
};
const verifierOf = (body: string): string => /code_verifier[^<]*<\/dt><dd><code>([^<]+)<\/code>/.exec(body)?.[1] ?? assert.fail('the page shows the verifier');
const passedLines = (body: string): string[] => [...body.matchAll(/<span class="ok"><span aria-hidden="true">✔<\/span> passed<\/span>: ([^<]*(?:<code>[^<]*<\/code>[^<]*)*)/g)].map((m) => m[1]);

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Playground: the authorization code run (${kind})`, () => {
    let olympus: TestServer;
    let callback: string;
    before(async () => {
      olympus = await startTestServer(kind);
      await ensureDemoIdentity(olympus.server.identity);
      callback = `${olympus.publicUrl}/playground/callback`;
    });
    after(async () => olympus?.close());

    test('the whole run: authorize with PKCE, callback checked, code exchanged, every ID-token check passes, userinfo, refresh rotation, revoke → 401, replay revokes the family, logout back to the playground', async () => {
      const browser = new Browser();
      const { page, url } = await buildAuthorization(browser, olympus.publicUrl, { scope: 'openid offline_access email', max_age: '600' });
      assert.equal(page.status, 200);
      const verifier = verifierOf(page.body);
      assert.equal(cellOf(page.body, 'code_challenge'), createHash('sha256').update(verifier).digest('base64url'), 'the challenge is S256 of the verifier shown');
      assert.equal(cellOf(page.body, 'code_challenge_method'), 'S256');
      const sent = new URL(url).searchParams;
      assert.equal(sent.get('redirect_uri'), callback);
      assert.equal(sent.get('max_age'), '600');
      assert.equal(sent.get('code_verifier'), null, 'the verifier never travels in the URL');

      const delivery = await signInToCallback(browser, olympus.publicUrl, url);
      assert.equal(delivery.kind, 'query');
      const done = await deliver(browser, delivery);
      assert.equal(done.status, 200);
      const checks = passedLines(done.body).join('\n');
      assert.match(checks, /<code>state<\/code>/, 'state ✔');
      assert.match(checks, /<code>iss<\/code>/, 'iss ✔');
      assert.match(done.body, /POST http:\/\/127\.0\.0\.1:\d+\/oauth2\/token/, 'the token request is shown');
      assert.match(done.body, new RegExp(`code_verifier=${verifier}`), 'in full, with the verifier');
      assert.match(done.body, /Status <span class="ok">200<\/span>/);
      assert.match(done.body, /X-Request-Id:<\/span>|X-Request-Id: <code>|X-Request-Id:/);
      assert.match(done.body, /olympus trace [0-9a-f-]{36}/, 'the exchange names its trace');
      const idChecks = checkStatuses(done.body, 'id-token');
      assert.deepEqual(idChecks.filter(([, s]) => s === 'failed'), [], 'no ID-token check fails');
      for (const id of ['signature', 'alg', 'iss', 'aud', 'exp', 'iat', 'nonce', 'at_hash', 'auth_time']) {
        assert.ok(idChecks.some(([c, s]) => c === id && s === 'ok'), `${id} passed: ${JSON.stringify(idChecks)}`);
      }

      const csrf = csrfOf(done.body);
      const userinfo = await postForm(browser, `${olympus.publicUrl}/playground/userinfo`, { csrf_token: csrf });
      assert.equal(userinfo.status, 200);
      assert.match(userinfo.body, /GET http:\/\/127\.0\.0\.1:\d+\/userinfo\n[^<]*authorization: Bearer \[redacted\]/, 'the Bearer token is redacted in the request view');
      assert.match(passedLines(userinfo.body).join('\n'), /sub \S+ equals the ID token&#39;s sub/);

      const refresh = await postForm(browser, `${olympus.publicUrl}/playground/refresh`, { csrf_token: csrf });
      assert.equal(refresh.status, 200);
      assert.match(passedLines(refresh.body).join('\n'), /A new refresh token \(…\S+\) replaced the previous one \(…\S+\), which is now spent/);
      assert.deepEqual(checkStatuses(refresh.body, 'id-token').filter(([, s]) => s === 'failed'), [], 'the refreshed ID token passes too');
      assert.match(refresh.body, /Replay the old refresh token/, 'the replay button appears once a token is spent');

      const revoke = await postForm(browser, `${olympus.publicUrl}/playground/revoke`, { csrf_token: csrf, token: 'access_token' });
      assert.equal(revoke.status, 200);
      assert.match(revoke.body, /POST http:\/\/127\.0\.0\.1:\d+\/oauth2\/revoke/);
      assert.match(passedLines(revoke.body).join('\n'), /Refused with 401/);
      assert.match(revoke.body, /Status <span class="fail">401<\/span>/);

      const replay = await postForm(browser, `${olympus.publicUrl}/playground/replay`, { csrf_token: csrf });
      assert.equal(replay.status, 200);
      assert.equal([...replay.body.matchAll(/&quot;error&quot;: &quot;invalid_grant&quot;|"error": "invalid_grant"/g)].length, 2, 'the spent and the newest refresh token are both refused');
      assert.match(passedLines(replay.body).join('\n'), /the whole family is revoked/);
      assert.match(replay.body, /Why this protects/);

      const logout = await postForm(browser, `${olympus.publicUrl}/playground/logout`, { csrf_token: csrf });
      assert.equal(logout.status, 303);
      const end = new URL(logout.location!);
      assert.equal(end.pathname, '/oauth2/sessions/logout');
      assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${olympus.publicUrl}/playground`);
      assert.ok(end.searchParams.get('id_token_hint') && end.searchParams.get('state'));
      let hop = await browser.get(logout.location!);
      while (hop.location !== null && !hop.location.startsWith(`${olympus.publicUrl}/playground`)) hop = await browser.get(new URL(hop.location, olympus.publicUrl).toString());
      if (hop.location === null) {
        // Hera asks "Sign out?": the form's hidden fields and its primary answer.
        const action = /<form method="post" action="([^"]+)"/.exec(hop.body)?.[1] ?? assert.fail(`a logout confirmation: ${hop.body.slice(0, 300)}`);
        const fields = Object.fromEntries([...hop.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
        const decision = /<button type="submit" name="decision" value="([^"]+)"/.exec(hop.body)?.[1] ?? 'yes';
        hop = await postForm(browser, new URL(action.replace(/&amp;/g, '&'), olympus.publicUrl).toString(), { ...fields, decision });
        while (hop.location !== null && !hop.location.startsWith(`${olympus.publicUrl}/playground`)) hop = await browser.get(new URL(hop.location, olympus.publicUrl).toString());
      }
      assert.ok(hop.location?.startsWith(`${olympus.publicUrl}/playground?state=`), `back at the playground: ${hop.location}`);
      const back = await browser.get(hop.location!);
      assert.match(passedLines(back.body).join('\n'), /the state equals the one the playground sent/);
      assert.doesNotMatch(back.body, /Call userinfo/, 'the run\'s tokens are gone');
    });

    test('response_mode form_post: the answer comes as a posted form and is checked and exchanged the same way', async () => {
      const browser = new Browser();
      const { url } = await buildAuthorization(browser, olympus.publicUrl, { response_mode: 'form_post' });
      assert.equal(new URL(url).searchParams.get('response_mode'), 'form_post');
      const delivery = await signInToCallback(browser, olympus.publicUrl, url);
      assert.equal(delivery.kind, 'form_post');
      const done = await deliver(browser, delivery);
      assert.equal(done.status, 200);
      assert.match(done.body, /They came as a form posted to the callback/);
      assert.deepEqual(checkStatuses(done.body, 'id-token').filter(([, s]) => s === 'failed'), []);
    });

    test('a state that does not match: ✖, and the code is not exchanged (it is still redeemable by the one who holds the verifier)', async () => {
      const browser = new Browser();
      const { page, url } = await buildAuthorization(browser, olympus.publicUrl);
      const delivery = await signInToCallback(browser, olympus.publicUrl, url);
      assert.equal(delivery.kind, 'query');
      const forged = new URL(delivery.url);
      forged.searchParams.set('state', 'someone-elses-state');
      const done = await browser.get(forged.toString());
      assert.match(done.body, /✖<\/span> failed<\/span>: <code>state<\/code> — differs from the state this browser/);
      assert.match(done.body, /did not send the code to the token endpoint/);
      assert.doesNotMatch(done.body, /\/oauth2\/token/);
      const code = forged.searchParams.get('code')!;
      const redeemed = await tokenRequest(olympus.publicUrl, { grant_type: 'authorization_code', code, redirect_uri: callback, client_id: 'olympus-playground', code_verifier: verifierOf(page.body) });
      assert.equal(redeemed.status, 200, 'the playground never used the code');
      const again = await browser.get(delivery.url);
      assert.match(again.body, /no authorization request of this browser is waiting/, 'the state was single-use');
    });

    test('an iss that is not this issuer (a mix-up, RFC 9207): ✖ and no exchange', async () => {
      const browser = new Browser();
      const { url } = await buildAuthorization(browser, olympus.publicUrl);
      const delivery = await signInToCallback(browser, olympus.publicUrl, url);
      assert.equal(delivery.kind, 'query');
      const mixed = new URL(delivery.url);
      mixed.searchParams.set('iss', 'https://attacker.example');
      const done = await browser.get(mixed.toString());
      assert.match(done.body, /✖<\/span> failed<\/span>: <code>iss<\/code> — differs from this server/);
      assert.match(passedLines(done.body).join('\n'), /<code>state<\/code>/, 'the state itself matched');
      assert.doesNotMatch(done.body, /\/oauth2\/token/);
    });

    test('error=access_denied: explained, with its troubleshooting page and where to read its trace', async () => {
      const browser = new Browser();
      const { url } = await buildAuthorization(browser, olympus.publicUrl);
      const state = new URL(url).searchParams.get('state')!;
      const answer = new URL(callback);
      answer.search = new URLSearchParams({ error: 'access_denied', error_description: 'The resource owner denied the request', state, iss: olympus.server.ctx.config.urls.issuer }).toString();
      const done = await browser.get(answer.toString());
      assert.equal(done.status, 200);
      assert.match(done.body, /answered with an error: access_denied/);
      assert.match(done.body, /consent was denied/);
      const doc = /href="([^"]+\/docs\/troubleshooting\/access_denied)"/.exec(done.body)?.[1] ?? assert.fail('a troubleshooting link');
      assert.equal((await fetch(doc)).status, 200, 'the troubleshooting page is served');
      assert.match(done.body, /\/traces\?q=olympus-playground/);
      assert.match(done.body, /olympus trace olympus-playground/);
    });

    test('a confidential client: the secret authenticates the exchange, shows only as [redacted], and never reaches a page or a Set-Cookie in clear', async () => {
      const { client_id, client_secret } = await createClient(olympus.adminUrl, {
        client_name: 'Confidential app', token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [callback],
        grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], scope: 'openid offline_access', skip_consent: true,
      });
      assert.ok(client_secret);
      const browser = new RecordingBrowser();
      const { url, page } = await buildAuthorization(browser, olympus.publicUrl, { client_id, client_secret, scope: 'openid offline_access' });
      assert.equal(page.status, 200, page.body.slice(0, 400));
      const done = await deliver(browser, await signInToCallback(browser, olympus.publicUrl, url));
      assert.match(done.body, /authorization: Basic \[redacted\]/);
      assert.deepEqual(checkStatuses(done.body, 'id-token').filter(([, s]) => s === 'failed'), []);
      const csrf = csrfOf(done.body);
      await postForm(browser, `${olympus.publicUrl}/playground/refresh`, { csrf_token: csrf });
      await postForm(browser, `${olympus.publicUrl}/playground/revoke`, { csrf_token: csrf, token: 'refresh_token' });
      const setup = await browser.get(`${olympus.publicUrl}/playground?client_id=${client_id}`);
      assert.match(setup.body, /A secret for this client is held/);
      for (const text of browser.seen) assert.ok(!text.includes(client_secret), 'the secret appears nowhere in clear');
    });

    test('a client without the playground\'s callback: the page says so and prints the command (repeating its URIs) and the Athena link', async () => {
      const { client_id } = await createClient(olympus.adminUrl, {
        token_endpoint_auth_method: 'none', redirect_uris: ['https://app.example/cb', 'https://app.example/other'], grant_types: ['authorization_code'], response_types: ['code'],
      });
      const browser = new Browser();
      const shared = await browser.get(`${olympus.publicUrl}/playground?client_id=${client_id}&scope=openid`);
      const command = `olympus update oauth2-client ${client_id} --redirect-uri https://app.example/cb --redirect-uri https://app.example/other --redirect-uri ${callback}`;
      assert.ok(shared.body.includes(command), 'the exact command');
      assert.ok(shared.body.includes(`${olympus.adminUrl}/clients/${client_id}`), 'the Athena link');
      const refused = await postForm(browser, `${olympus.publicUrl}/playground/authorize`, { csrf_token: csrfOf(shared.body), client_id, scope: 'openid' });
      assert.equal(refused.status, 400);
      assert.ok(refused.body.includes(command));
      assert.doesNotMatch(refused.body, /id="go"/, 'no authorization request is built');
    });

    test('the share link carries the settings and nothing secret; a step posted without the session\'s CSRF token does nothing', async () => {
      const browser = new Browser();
      const { page } = await buildAuthorization(browser, olympus.publicUrl, { scope: 'openid email', prompt: 'login', ui_locales: 'de' });
      const setup = await browser.get(`${olympus.publicUrl}/playground`);
      const share = /<h2 id="share">[\s\S]*?<a href="([^"]+)"/.exec(setup.body)?.[1]?.replace(/&amp;/g, '&') ?? assert.fail('a share link');
      const params = new URL(share).searchParams;
      assert.deepEqual([...params.keys()].sort(), ['prompt', 'scope', 'ui_locales']);
      assert.ok(!share.includes(verifierOf(page.body)));
      const reopened = await new Browser().get(share);
      assert.match(reopened.body, /<option value="login" selected>/);
      const forged = await postForm(browser, `${olympus.publicUrl}/playground/userinfo`, { csrf_token: 'forged' });
      assert.equal(forged.status, 403);
      assert.match(forged.body, /did not carry this session&#39;s CSRF token/);
      const cookieless = await postForm(new Browser(), `${olympus.publicUrl}/playground/authorize`, { csrf_token: csrfOf(setup.body) });
      assert.equal(cookieless.status, 403);
    });
  });
}
