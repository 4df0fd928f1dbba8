/**
 * Self-service logout through @ory/client-fetch's FrontendApi and a cookie-jar browser, on a real
 * port, on SQLite and PostgreSQL (docs/compatibility.md §2.1): the browser logout URL and the native
 * logout both end the session for good.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Configuration, FrontendApi } from '@ory/client-fetch';
import { startTestServer, type TestServer } from './support/server.ts';
import { Browser } from './support/browser.ts';
import { PASSWORD, csrfTokenOf, selfService } from './support/self-service.ts';
import { failure } from './support/refused.ts';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`self-service logout (${kind})`, () => {
    let olympus: TestServer;
    let api: FrontendApi;

    before(async () => {
      olympus = await startTestServer(kind);
      api = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
    });
    after(() => olympus?.close());

    const { registerNatively, browserLoginFlow, submitJson } = selfService(() => olympus.publicUrl);

    test('browser logout: logout URL, 303 with the cookie cleared, then whoami 401', async () => {
      const { email } = await registerNatively();
      const browser = new Browser();
      const flow = await browserLoginFlow(browser);
      await submitJson(browser, flow.id, { method: 'password', identifier: email, password: PASSWORD, csrf_token: csrfTokenOf(flow) });
      const cookie = browser.cookieHeader(new URL(olympus.publicUrl));
      const logout = await api.createBrowserLogoutFlow({ cookie, returnTo: `${olympus.publicUrl}/bye` });
      assert.ok(logout.logout_url.startsWith(`${olympus.publicUrl}/self-service/logout?token=`));
      const done = await browser.get(logout.logout_url);
      assert.equal(done.status, 303);
      assert.equal(done.location, `${olympus.publicUrl}/bye`);
      assert.equal(browser.jar.has('olympus_session'), false, 'the cookie is cleared');
      const after = await failure(api.toSession({ cookie }));
      assert.equal(after.status, 401);
      assert.equal(after.body.error.id, 'session_inactive');
      const noSession = await failure(api.createBrowserLogoutFlow({}));
      assert.equal(noSession.status, 401);
    });

    test('native logout revokes the session token; whoami then answers 401 session_inactive', async () => {
      const { done } = await registerNatively();
      await api.performNativeLogout({ performNativeLogoutBody: { session_token: done.session_token! } });
      const after = await failure(api.toSession({ xSessionToken: done.session_token! }));
      assert.equal(after.status, 401);
      assert.equal(after.body.error.id, 'session_inactive');
      const again = await failure(api.performNativeLogout({ performNativeLogoutBody: { session_token: done.session_token! } }));
      assert.equal(again.status, 401);
    });
  });
}
