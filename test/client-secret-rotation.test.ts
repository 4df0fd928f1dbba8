/**
 * Client secret rotation with a window on a real server, both databases (docs/security.md AS-47):
 * POST /admin/clients/{id}/secrets/rotate with `rotated_secrets_ttl` or `rotated_secrets_expire_at`
 * keeps the old secret working at the token endpoint (client_secret_basic and client_secret_post)
 * until the window ends and refuses it after; DELETE …/secrets/rotate retires it at once; the new
 * secret works throughout; Hydra's SDK call without a body keeps the old one until DELETE; the CLI's
 * `update oauth2-client --rotate-secret` sends the window.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';
import { adminApi } from './support/oauth2.ts';
import { basic, tokenRequest } from './support/flow.ts';
import { runCli } from '../apps/cli/test/helpers/capture-io.ts';

/** Long enough for a few token requests on a busy machine, short enough to wait out. */
const WINDOW_MS = 2500;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`client secret rotation with a window (${kind})`, () => {
    let olympus: TestServer;
    before(async () => (olympus = await startTestServer(kind)));
    after(() => olympus?.close());

    const admin = (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${olympus.adminUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const newClient = async (method = 'client_secret_basic'): Promise<{ id: string; secret: string }> => {
      const res = await admin('POST', '/admin/clients', { grant_types: ['client_credentials'], response_types: [], token_endpoint_auth_method: method });
      const client = (await res.json()) as { client_id: string; client_secret: string };
      return { id: client.client_id, secret: client.client_secret };
    };
    const rotate = async (id: string, body?: unknown): Promise<string> => {
      const res = await admin('POST', `/admin/clients/${id}/secrets/rotate`, body);
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { client_secret: string }).client_secret;
    };
    const viaBasic = async (id: string, secret: string): Promise<number> =>
      (await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials' }, { authorization: basic(id, secret) })).status;
    const viaPost = async (id: string, secret: string): Promise<number> =>
      (await tokenRequest(olympus.publicUrl, { grant_type: 'client_credentials', client_id: id, client_secret: secret })).status;
    const rotatedOf = async (id: string) => (await olympus.server.ctx.clients.secrets(id)).rotated;

    test('AS-47: the old secret works inside the window and is refused after it; the new one throughout', async () => {
      const basicClient = await newClient();
      const postClient = await newClient('client_secret_post');
      const freshBasic = await rotate(basicClient.id, { rotated_secrets_ttl: `${WINDOW_MS}ms` });
      const end = new Date(Date.now() + WINDOW_MS).toISOString();
      const freshPost = await rotate(postClient.id, { rotated_secrets_expire_at: end });
      const [{ expiresAt }] = await rotatedOf(basicClient.id) as [{ expiresAt: number }];
      assert.ok(expiresAt > Date.now(), 'the window is shown, without the hash');

      assert.equal(await viaBasic(basicClient.id, basicClient.secret), 200, 'old secret, basic, inside the window');
      assert.equal(await viaPost(postClient.id, postClient.secret), 200, 'old secret, post, inside the window');
      assert.equal(await viaBasic(basicClient.id, freshBasic), 200);
      assert.equal(await viaPost(postClient.id, freshPost), 200);

      await sleep(Math.max(expiresAt, Date.parse(end)) - Date.now() + 50);
      assert.equal(await viaBasic(basicClient.id, basicClient.secret), 401, 'old secret, basic, after the window');
      assert.equal(await viaPost(postClient.id, postClient.secret), 401, 'old secret, post, after the window');
      assert.equal(await viaBasic(basicClient.id, freshBasic), 200);
      assert.equal(await viaPost(postClient.id, freshPost), 200);
      assert.deepEqual(await rotatedOf(basicClient.id), [], 'an expired rotated secret is no longer listed');
    });

    test('AS-47: retiring now (DELETE …/secrets/rotate) refuses the old secret inside its window', async () => {
      const client = await newClient();
      const fresh = await rotate(client.id, { rotated_secrets_ttl: '1h' });
      assert.equal(await viaBasic(client.id, client.secret), 200);
      assert.equal((await admin('DELETE', `/admin/clients/${client.id}/secrets/rotate`)).status, 204);
      assert.equal(await viaBasic(client.id, client.secret), 401);
      assert.equal(await viaBasic(client.id, fresh), 200);
    });

    test('Hydra\'s SDK call (no body) keeps the old secret until DELETE, as before', async () => {
      const client = await newClient();
      const rotated = await adminApi(olympus.adminUrl).rotateOAuth2ClientSecret({ id: client.id });
      assert.ok(rotated.client_secret);
      assert.deepEqual(await rotatedOf(client.id), [{ expiresAt: null }]);
      assert.equal(await viaBasic(client.id, client.secret), 200);
      assert.equal(await viaBasic(client.id, rotated.client_secret!), 200);
    });

    test('olympus update oauth2-client --rotate-secret --rotated-secrets-ttl opens a window', async () => {
      const client = await newClient();
      const before = Date.now();
      const result = await runCli(['update', 'oauth2-client', client.id, '--rotate-secret', '--rotated-secrets-ttl', '1h', '-e', olympus.adminUrl, '--format', 'json']);
      assert.equal(result.code, 0, result.stderr);
      const fresh = (JSON.parse(result.stdout) as { client_secret: string }).client_secret;
      const [{ expiresAt }] = await rotatedOf(client.id) as [{ expiresAt: number }];
      assert.ok(expiresAt >= before + 3_600_000 && expiresAt <= Date.now() + 3_600_000, String(expiresAt));
      assert.equal(await viaBasic(client.id, client.secret), 200);
      assert.equal(await viaBasic(client.id, fresh), 200);
    });

    test('a window in the past, zero, both kinds or an unknown field is a 400 that changes nothing', async () => {
      const client = await newClient();
      const bodies: [unknown, RegExp][] = [
        [{ rotated_secrets_expire_at: '2020-01-01T00:00:00Z' }, /must be in the future/],
        [{ rotated_secrets_ttl: '0s' }, /longer than zero/],
        [{ rotated_secrets_ttl: '1h', rotated_secrets_expire_at: '2999-01-01T00:00:00Z' }, /not both/],
        [{ rotated_secret_ttl: '1h' }, /is not known here/],
      ];
      for (const [body, pattern] of bodies) {
        const res = await admin('POST', `/admin/clients/${client.id}/secrets/rotate`, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        const answer = (await res.json()) as { error: string; error_description: string };
        assert.equal(answer.error, 'invalid_request');
        assert.match(answer.error_description, pattern);
      }
      assert.deepEqual(await olympus.server.ctx.clients.secrets(client.id), { clientId: client.id, hasSecret: true, rotated: [] });
      assert.equal(await viaBasic(client.id, client.secret), 200);
    });
  });
}
