/**
 * Athena administrator roles on a real server, both databases: the `--dev` demo user holds `admin`
 * (given back on the next dev start once revoked), and `olympus identities grant-role|revoke-role`
 * change an identity's metadata_admin through the admin API, by email or id, keeping other metadata.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminRoleOf, type Identity } from '@olympus/identity';
import { DEMO_EMAIL, ensureDemoIdentity } from '@olympus/server';
import { runCli } from '../apps/cli/test/helpers/capture-io.ts';
import { startTestServer, type TestServer } from './support/server.ts';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`administrator roles (${kind})`, () => {
    let olympus: TestServer;
    before(async () => (olympus = await startTestServer(kind)));
    after(() => olympus?.close());

    const admin = async (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${olympus.adminUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
    const byEmail = async (email: string): Promise<Identity> => {
      const found = (await (await admin(`/admin/identities?credentials_identifier=${encodeURIComponent(email)}`)).json()) as Identity[];
      assert.equal(found.length, 1, email);
      return found[0]!;
    };
    const cli = (...argv: string[]) => runCli([...argv, '-e', olympus.adminUrl]);

    test('the dev demo user is created as admin, and a dev start gives a revoked role back', async () => {
      assert.equal(await ensureDemoIdentity(olympus.server.identity), 'created');
      assert.equal(adminRoleOf(await byEmail(DEMO_EMAIL)), 'admin');

      const revoked = await cli('identities', 'revoke-role', DEMO_EMAIL);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.equal(adminRoleOf(await byEmail(DEMO_EMAIL)), undefined);

      assert.deepEqual(await Promise.all([ensureDemoIdentity(olympus.server.identity), ensureDemoIdentity(olympus.server.identity)]), ['exists', 'exists']);
      assert.equal(adminRoleOf(await byEmail(DEMO_EMAIL)), 'admin');
    });

    test('grant-role and revoke-role by email and by id keep the rest of metadata_admin', async () => {
      const response = await admin('/admin/identities', {
        method: 'POST',
        body: JSON.stringify({ schema_id: 'default', traits: { email: 'ada@example.com' }, metadata_admin: { crm: { id: 7 } } }),
      });
      assert.equal(response.status, 201);
      const { id } = (await response.json()) as Identity;

      const granted = await cli('identities', 'grant-role', 'Ada@Example.com', 'support', '--format', 'json');
      assert.equal(granted.code, 0, granted.stderr);
      assert.deepEqual(JSON.parse(granted.stdout).metadata_admin, { crm: { id: 7 }, athena: { role: 'support' } });

      const changed = await cli('identities', 'grant-role', id, 'viewer');
      assert.equal(changed.code, 0, changed.stderr);
      assert.match(changed.stdout, /ATHENA ROLE\s+viewer\n/);
      assert.equal(adminRoleOf(await byEmail('ada@example.com')), 'viewer');

      const revoked = await cli('identities', 'revoke-role', id);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.deepEqual((await byEmail('ada@example.com')).metadata_admin, { crm: { id: 7 } });
    });

    test('an unknown identity or role changes nothing and says why', async () => {
      const unknownEmail = await cli('identities', 'grant-role', 'nobody@example.com', 'admin');
      assert.equal(unknownEmail.code, 1);
      assert.match(unknownEmail.stderr, /no identity signs in with "nobody@example.com"/);
      const unknownId = await cli('identities', 'revoke-role', '00000000-0000-4000-8000-000000000000');
      assert.equal(unknownId.code, 1);
      assert.match(unknownId.stderr, /no identity has the id 00000000-0000-4000-8000-000000000000/);
      const unknownRole = await cli('identities', 'grant-role', 'ada@example.com', 'owner');
      assert.equal(unknownRole.code, 2);
      assert.match(unknownRole.stderr, /unknown role "owner"/);
      assert.equal(adminRoleOf(await byEmail('ada@example.com')), undefined);
    });
  });
}
