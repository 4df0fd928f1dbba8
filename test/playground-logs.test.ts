/**
 * A whole playground run leaves no secret in the server's log (docs/playground.md): with the log at
 * debug, a confidential client's run (authorize, callback, exchange, userinfo, refresh, replay,
 * revoke, logout) is searched line by line for its secret, the code, the PKCE verifier and every
 * token it received, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ensureDemoIdentity } from '@olympus/server';
import { Browser } from './support/browser.ts';
import { createClient } from './support/flow.ts';
import { buildAuthorization, csrfOf, deliver, postForm, signInToCallback } from './support/playground.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/** Every token a page showed "as received" (code/tokens-view.ts). */
const tokensShown = (body: string): string[] => [...body.matchAll(/as received<\/summary><pre>([^<]+)<\/pre>/g)].map((m) => m[1]);

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Playground: nothing secret in the log (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startTestServer(kind);
      await ensureDemoIdentity(olympus.server.identity);
    });
    after(async () => olympus?.close());

    test('no token, code, verifier or client secret of a full run appears in any log line', async () => {
      const callback = `${olympus.publicUrl}/playground/callback`;
      const { client_id, client_secret } = await createClient(olympus.adminUrl, {
        token_endpoint_auth_method: 'client_secret_post', redirect_uris: [callback], post_logout_redirect_uris: [`${olympus.publicUrl}/playground`],
        grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], scope: 'openid offline_access email', skip_consent: true,
      });
      const browser = new Browser();
      const { page, url } = await buildAuthorization(browser, olympus.publicUrl, { client_id, client_secret: client_secret!, scope: 'openid offline_access email' });
      const verifier = /code_verifier[^<]*<\/dt><dd><code>([^<]+)<\/code>/.exec(page.body)?.[1];
      const delivery = await signInToCallback(browser, olympus.publicUrl, url);
      assert.equal(delivery.kind, 'query');
      const code = new URL(delivery.url).searchParams.get('code');
      const done = await deliver(browser, delivery);
      const csrf = csrfOf(done.body);
      const refreshed = await postForm(browser, `${olympus.publicUrl}/playground/refresh`, { csrf_token: csrf });
      const steps = [await postForm(browser, `${olympus.publicUrl}/playground/userinfo`, { csrf_token: csrf })];
      steps.push(await postForm(browser, `${olympus.publicUrl}/playground/replay`, { csrf_token: csrf }));
      steps.push(await postForm(browser, `${olympus.publicUrl}/playground/revoke`, { csrf_token: csrf, token: 'access_token' }));
      const logout = await postForm(browser, `${olympus.publicUrl}/playground/logout`, { csrf_token: csrf });
      assert.equal(logout.status, 303);
      await browser.get(logout.location!);
      for (const step of steps) assert.equal(step.status, 200);

      const secrets = [client_secret, code, verifier, ...tokensShown(done.body), ...tokensShown(refreshed.body)];
      assert.ok(secrets.length >= 8 && secrets.every((s) => typeof s === 'string' && s.length >= 16), `the run's secrets were found: ${secrets.length}`);
      assert.ok(olympus.logs.length > 20, 'the run was logged at debug');
      const lines = olympus.logs.map((line) => JSON.stringify(line));
      for (const secret of secrets as string[]) {
        const leaked = lines.find((line) => line.includes(secret));
        assert.equal(leaked, undefined, `a log line carries a secret of the run: ${leaked?.slice(0, 300)}`);
      }
    });
  });
}
