/**
 * `--dev` seeds the demo user admin@demo.user so the README walkthrough can sign in; doing it
 * twice is harmless, and the user signs in with the documented password. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Configuration, FrontendApi } from '@ory/client-fetch';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { startTestServer, type TestServer } from './support/server.ts';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`dev demo identity (${kind})`, () => {
    let olympus: TestServer;
    before(async () => (olympus = await startTestServer(kind)));
    after(() => olympus?.close());

    test('is created once and signs in with the documented password', async () => {
      assert.deepEqual(
        await Promise.all([ensureDemoIdentity(olympus.server.identity), ensureDemoIdentity(olympus.server.identity)]).then((r) => r.sort()),
        ['created', 'exists'],
      );
      assert.equal(await ensureDemoIdentity(olympus.server.identity), 'exists');
      const frontend = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
      const flow = await frontend.createNativeLoginFlow();
      const login = await frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: DEMO_EMAIL, password: DEMO_PASSWORD } });
      assert.ok(login.session_token);
      assert.equal((login.session.identity?.traits as { email: string }).email, DEMO_EMAIL);
    });
  });
}
