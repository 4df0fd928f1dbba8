/**
 * Migrating users: an identity imported with a bcrypt hash signs in through a native login flow, and
 * its stored hash becomes argon2id at the current parameters (docs/security.md ID-5), on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import bcrypt from 'bcryptjs';
import { Configuration, FrontendApi, IdentityApi } from '@ory/client-fetch';
import { startTestServer, type TestServer } from './support/server.ts';

const PASSWORD = 'correct horse battery staple 42';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`imported password hashes (${kind})`, () => {
    let olympus: TestServer;
    before(async () => (olympus = await startTestServer(kind)));
    after(() => olympus?.close());

    test('a bcrypt hash logs in and is re-hashed to argon2id; the old password keeps working', async () => {
      const identities = new IdentityApi(new Configuration({ basePath: olympus.adminUrl }));
      const frontend = new FrontendApi(new Configuration({ basePath: olympus.publicUrl }));
      const email = `import-${Date.now().toString(36)}@example.com`;
      const created = await identities.createIdentity({
        createIdentityBody: {
          schema_id: 'default',
          traits: { email },
          credentials: { password: { config: { hashed_password: bcrypt.hashSync(PASSWORD, 10) } } },
        },
      });
      const storedHash = async () =>
        String((await olympus.server.identity.storage.identities.getIdentity(created.id))?.credentials.password?.config.hashed_password);
      assert.match(await storedHash(), /^\$2[aby]\$/);

      const login = async (password: string) => {
        const flow = await frontend.createNativeLoginFlow();
        return frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: email, password } });
      };
      const first = await login(PASSWORD);
      assert.ok(first.session_token);
      assert.equal(first.session.identity?.id, created.id);
      assert.match(await storedHash(), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/, 're-hashed with the configured argon2id parameters');

      const second = await login(PASSWORD);
      assert.ok(second.session_token, 'the same password verifies against the new hash');
      await assert.rejects(login('not the password at all 1'), (err: { response?: Response }) => err.response?.status === 400);
    });
  });
}
