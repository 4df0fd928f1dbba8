/**
 * The flow's CSRF cookie (olympus_oauth2_csrf_*, docs/security.md AS-21) lives from /oauth2/auth to the
 * code: the answer that carries the code clears it, so a browser signing in to many apps does not pile
 * one cookie per authorization into every request; a replayed consent verifier is still told it was used.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser } from './support/browser.ts';
import { authorizeUrl, createClient, pkcePair } from './support/flow.ts';
import { adminApi, authorizeThroughUi } from './support/oauth2.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
const flowCookies = (browser: Browser) => [...browser.jar.keys()].filter((name) => name.startsWith('olympus_oauth2_csrf_'));

for (const kind of ['sqlite', 'postgres'] as const) describe(`the OAuth2 flow cookie (${kind})`, () => {
  let olympus: TestServer;
  let clientId: string;

  before(async () => {
    olympus = await startTestServer(kind);
    clientId = (await createClient(olympus.adminUrl, { grant_types: ['authorization_code'], scope: 'openid', redirect_uris: [REDIRECT] })).client_id;
  });
  after(async () => {
    await olympus?.close();
  });

  const authorize = (browser: Browser) => authorizeThroughUi(adminApi(olympus.adminUrl), browser, authorizeUrl(olympus.publicUrl, {
    client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: REDIRECT, state: 'state-123456', code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
  }), { subject: 'flow-cookie-user' });

  test('the code answer clears the flow cookie; ten authorizations leave none behind', async () => {
    const browser = new Browser();
    for (let i = 0; i < 10; i++) {
      const { callback } = await authorize(browser);
      assert.ok(new URL(callback).searchParams.get('code'), 'a code reached the app');
      assert.deepEqual(flowCookies(browser), [], `after authorization ${i + 1}`);
    }
  });

  test('a replayed consent verifier is told it was used, not that another browser brought it', async () => {
    const browser = new Browser();
    const { consentVerifierUrl } = await authorize(browser);
    const replay = await browser.get(consentVerifierUrl);
    assert.equal(replay.status, 400, replay.body);
    assert.match(replay.body, /consent verifier has already been used/);
    assert.doesNotMatch(replay.body, /different browser/);
  });
});
