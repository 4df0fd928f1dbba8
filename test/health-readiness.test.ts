/**
 * /health/ready means something (docs/operations/observability.md), on SQLite and PostgreSQL: 503
 * naming the migration this build needs when one is not applied, 503 naming the database when it
 * cannot be reached, and 503 `{errors: {node: 'shutting down'}}` once the node drains; liveness stays 200.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '@olympus/storage';
import { startTestServer, type TestServer } from './support/server.ts';

const ready = async (base: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${base}/health/ready`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/**
 * Makes the test's PostgreSQL database unreachable and back: no new connection is allowed and the
 * pool's open ones are ended, which is what a stopped server looks like to the pool.
 */
const postgresOutage = async (dsn: string) => {
  const name = new URL(dsn).pathname.slice(1);
  const admin = await openDatabase(process.env.OLYMPUS_TEST_PG_DSN!);
  return {
    async stop() {
      await admin.exec(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()', [name]);
    },
    async start() {
      await admin.exec(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
      await admin.close();
    },
  };
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`/health/ready (${kind})`, () => {
    let olympus: TestServer;
    before(async () => {
      olympus = await startTestServer(kind);
    });
    // The SQLite case closes the database under the server, so its own close may find it closed.
    after(() => olympus?.close().catch(() => {}));

    test('a pending migration: 503 naming it, on both origins; applied again: 200', async () => {
      const db = olympus.server.db;
      const [last] = await db.query<{ version: number; name: string; applied_at: number }>(
        'SELECT version, name, applied_at FROM schema_migrations ORDER BY version DESC LIMIT 1');
      await db.execute('DELETE FROM schema_migrations WHERE version = ?', [last!.version]);
      for (const base of [olympus.publicUrl, olympus.adminUrl]) {
        const answer = await ready(base);
        assert.equal(answer.status, 503);
        const errors = answer.body.errors as Record<string, string>;
        assert.deepEqual(Object.keys(errors), ['migrations']);
        assert.match(errors.migrations!, new RegExp(`1 migration\\(s\\) pending \\(${last!.version}\\)`));
      }
      await db.execute('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [last!.version, last!.name, last!.applied_at]);
      assert.deepEqual(await ready(olympus.adminUrl), { status: 200, body: { status: 'ok' } });
    });

    test('the database unreachable: 503 naming it; liveness stays 200', async () => {
      if (kind === 'postgres') {
        const outage = await postgresOutage(olympus.config.dsn);
        await outage.stop();
        try {
          assert.deepEqual(await ready(olympus.publicUrl), { status: 503, body: { errors: { database: 'The database is not reachable.' } } });
          assert.equal((await fetch(`${olympus.publicUrl}/health/alive`)).status, 200);
        } finally {
          await outage.start();
        }
        // The pool opens new connections by itself once the database is back.
        assert.deepEqual(await ready(olympus.publicUrl), { status: 200, body: { status: 'ok' } });
      } else {
        // A SQLite file cannot stop; its connection closed under the server is the nearest failure.
        await olympus.server.db.close();
        assert.deepEqual(await ready(olympus.publicUrl), { status: 503, body: { errors: { database: 'The database is not reachable.' } } });
        assert.equal((await fetch(`${olympus.publicUrl}/health/alive`)).status, 200);
      }
    });

    test('draining: 503 {errors: {node: "shutting down"}} on both origins, for good', async () => {
      olympus.server.setDraining();
      for (const base of [olympus.publicUrl, olympus.adminUrl]) {
        assert.deepEqual(await ready(base), { status: 503, body: { errors: { node: 'shutting down' } } });
        assert.equal((await fetch(`${base}/health/alive`)).status, 200);
      }
    });
  });
}
