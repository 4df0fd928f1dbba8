/**
 * A database that refuses writes (docs/operations/faults.md): PostgreSQL with
 * `default_transaction_read_only = on` (as a standby or an operator's switch makes it), SQLite opened
 * `?mode=ro`. Writes answer 503 with Retry-After and say why ("refuses writes: read-only") in their
 * envelope, a revocation (RFC 7009) too, each logged as one warn line; reads still work: JWKS, discovery, introspection of an existing token, whoami.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '@olympus/storage';
import { createLogger, startServer } from '@olympus/server';
import { askToken, ccClient, isActive } from './support/faults.ts';
import { selfService } from './support/self-service.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/** Makes the database of a running server read-only; returns the server that serves on it afterwards. */
const makeReadOnly = async (kind: 'sqlite' | 'postgres', olympus: TestServer): Promise<{ close(): Promise<void> }> => {
  if (kind === 'postgres') {
    const name = new URL(olympus.config.dsn).pathname.slice(1);
    const admin = await openDatabase(process.env.OLYMPUS_TEST_PG_DSN!);
    await admin.exec(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    // The setting applies to new sessions: end the node's, as a failover would; its pool reconnects.
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()', [name]);
    await admin.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return olympus;
  }
  // An open SQLite connection cannot change its mode: the node restarts on the same file, read-only.
  await olympus.close();
  const config = { ...olympus.config, dsn: `${olympus.config.dsn}?mode=ro` };
  const restarted = await startServer(config, { logger: createLogger(config, { write: (line: string) => void olympus.logs.push(JSON.parse(line)) }) });
  // fetch may still hold a kept-alive socket to the stopped node: its first use fails, then it is gone.
  for (const origin of [olympus.publicUrl, olympus.adminUrl]) await fetch(`${origin}/health/alive`, { method: 'POST' }).catch(() => undefined);
  return restarted;
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`a read-only database (${kind})`, () => {
    let olympus: TestServer;
    let serving: { close(): Promise<void> };
    let client: Awaited<ReturnType<typeof ccClient>>;
    let token: string;
    let sessionToken: string;
    const self = selfService(() => olympus.publicUrl);

    before(async () => {
      olympus = await startTestServer(kind);
      client = await ccClient(olympus.adminUrl);
      token = (await askToken(olympus.publicUrl, client)).body.access_token;
      const { done } = await self.registerNatively();
      sessionToken = done.session_token!;
      serving = await makeReadOnly(kind, olympus);
    });
    after(() => serving?.close());

    test('writes answer 503 with Retry-After and the reason, in the OAuth2 and the Kratos envelope', async () => {
      const refused = await askToken(olympus.publicUrl, client);
      assert.equal(refused.status, 503, JSON.stringify(refused.body));
      assert.equal(refused.retryAfter, '3');
      assert.equal(refused.body.error, 'temporarily_unavailable');
      assert.equal(refused.body.error_description, 'The database refuses writes: read-only.');

      const flow = await fetch(`${olympus.publicUrl}/self-service/registration/api`, { headers: { accept: 'application/json' } });
      const body = await flow.json() as { error: Record<string, unknown> };
      assert.equal(flow.status, 503, JSON.stringify(body));
      assert.equal(flow.headers.get('retry-after'), '3');
      assert.deepEqual([body.error.id, body.error.code, body.error.message], ['temporarily_unavailable', 503, 'The database refuses writes: read-only.']);
      assert.ok(!olympus.logs.some((l) => l.msg === 'request failed'), 'no 500 and no stack trace');
    });

    test('a revocation answers the same 503 and logs one warn line, like every other refused request', async () => {
      const res = await fetch(`${olympus.publicUrl}/oauth2/revoke`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: client.authorization },
        body: new URLSearchParams({ token }),
      });
      const body = await res.json() as Record<string, unknown>;
      assert.equal(res.status, 503, JSON.stringify(body));
      assert.equal(res.headers.get('retry-after'), '3');
      assert.deepEqual([body.error, body.error_description], ['temporarily_unavailable', 'The database refuses writes: read-only.']);
      const requestId = res.headers.get('x-request-id');
      const lines = olympus.logs.filter((l) => (l.reqId === requestId || l.request_id === requestId) && Number(l.level) >= 40);
      assert.deepEqual(lines.map((l) => [l.level, l.msg, l.reason]), [[40, 'database unavailable', 'read_only']]);
      assert.equal(await isActive(olympus.adminUrl, token), true, 'nothing was revoked');
    });

    test('reads still work: JWKS, discovery, introspection of an existing token, whoami', async () => {
      assert.equal((await fetch(`${olympus.publicUrl}/.well-known/jwks.json`)).status, 200);
      assert.equal((await fetch(`${olympus.publicUrl}/.well-known/openid-configuration`)).status, 200);
      assert.equal(await isActive(olympus.adminUrl, token), true);
      const whoami = await fetch(`${olympus.publicUrl}/sessions/whoami`, { headers: { 'x-session-token': sessionToken, accept: 'application/json' } });
      assert.equal(whoami.status, 200, await whoami.clone().text());
      assert.equal(((await whoami.json()) as { active: boolean }).active, true);
    });
  });
}
